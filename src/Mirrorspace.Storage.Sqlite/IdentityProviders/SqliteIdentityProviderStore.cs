using System.Text.Json;
using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.IdentityProviders;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Sqlite.IdentityProviders;

/// <summary>The <see cref="IIdentityProviderStore"/> in the node's SQLite file, through its own write connection (changes are rare and small).</summary>
public sealed class SqliteIdentityProviderStore : IIdentityProviderStore, IAsyncDisposable
{
    private readonly SqliteDatabase _database;

    public SqliteIdentityProviderStore(SqliteStoreOptions options)
    {
        _database = SqliteDatabase.ForStore(options);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.MigrateAsync(cancellationToken);

    public Task<IdentityProviderSaveOutcome> PutAsync(IdentityProviderRecord provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var parameters = Parameters(provider);
        return _database.WriteAsync(
            writer =>
            {
                // One writer connection: the check and the write cannot interleave with another put. The
                // UNIQUE constraint stays as the backstop.
                using var transaction = writer.Connection.BeginTransaction();
                using var taken = SqliteQuery.Create(writer.Connection, IdentityProviderSqlScripts.Taken, parameters);
                if ((long)taken.ExecuteScalar()! > 0)
                {
                    return IdentityProviderSaveOutcome.IssuerAudienceTaken;
                }

                var outcome = SqliteQuery.Execute(writer.Connection, IdentityProviderSqlScripts.Insert, parameters) == 1
                    ? IdentityProviderSaveOutcome.Created
                    : Updated(writer.Connection, parameters);
                transaction.Commit();
                return outcome;
            },
            cancellationToken);
    }

    public Task<IdentityProviderRecord?> GetAsync(string tenantId, string providerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(providerId);
        return _database.ReadAsync(
            (connection, ct) => SqliteQuery.SingleAsync(
                connection, IdentityProviderSqlScripts.Get, Provider, ct, ("$tenant_id", tenantId), ("$provider_id", providerId)),
            cancellationToken);
    }

    public Task<Page<IdentityProviderRecord>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(page);
        var limit = Paging.Limit(page);
        return _database.ReadAsync(
            async (connection, ct) => Paging.ToPage(
                await SqliteQuery.ListAsync(
                    connection, IdentityProviderSqlScripts.List, Provider, ct,
                    ("$tenant_id", tenantId), ("$after", Paging.After(page)), ("$limit", limit + 1)).ConfigureAwait(false),
                limit,
                p => p.ProviderId),
            cancellationToken);
    }

    public Task<bool> DeleteAsync(string tenantId, string providerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(providerId);
        return _database.WriteAsync(
            writer => SqliteQuery.Execute(
                writer.Connection, IdentityProviderSqlScripts.Delete, ("$tenant_id", tenantId), ("$provider_id", providerId)) == 1,
            cancellationToken);
    }

    public async Task<IReadOnlyList<IdentityProviderRecord>> FindByIssuerAsync(string issuer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return await _database.ReadAsync(
            (connection, ct) => SqliteQuery.ListAsync(connection, IdentityProviderSqlScripts.FindByIssuer, Provider, ct, ("$issuer", issuer)),
            cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static IdentityProviderSaveOutcome Updated(SqliteConnection connection, (string Name, object? Value)[] parameters) =>
        SqliteQuery.Execute(connection, IdentityProviderSqlScripts.Update, parameters) == 1
            ? IdentityProviderSaveOutcome.Updated
            : throw new InvalidOperationException("An identity provider that could not be inserted could not be updated either.");

    private static (string Name, object? Value)[] Parameters(IdentityProviderRecord p) =>
    [
        ("$tenant_id", p.TenantId),
        ("$provider_id", p.ProviderId),
        ("$issuer", p.Issuer),
        ("$audience", p.Audience),
        ("$jwks_uri", p.JwksUri.AbsoluteUri),
        ("$algorithms", string.Join(' ', p.Algorithms)),
        ("$clock_skew_seconds", (long)p.ClockSkew.TotalSeconds),
        ("$role_claim", p.RoleClaim),
        ("$role_rules", JsonSerializer.Serialize([.. p.Roles], RoleRulesJsonContext.Default.ListRoleRule)),
        ("$clearance_claim", p.ClearanceClaim),
        ("$purpose_claim", p.PurposeClaim),
        ("$created_at", Ticks.From(p.CreatedAt)),
        ("$updated_at", Ticks.From(p.UpdatedAt)),
    ];

    /// <summary>Column order is the SELECT order of the Sql/IdentityProviders.*.sql files.</summary>
    private static IdentityProviderRecord Provider(SqliteDataReader row) => new()
    {
        TenantId = row.GetString(0),
        ProviderId = row.GetString(1),
        Issuer = row.GetString(2),
        Audience = row.GetString(3),
        JwksUri = new Uri(row.GetString(4), UriKind.Absolute),
        Algorithms = row.GetString(5).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        ClockSkew = TimeSpan.FromSeconds(row.GetInt64(6)),
        RoleClaim = row.GetString(7),
        Roles = JsonSerializer.Deserialize(row.GetString(8), RoleRulesJsonContext.Default.ListRoleRule) ?? [],
        ClearanceClaim = row.IsDBNull(9) ? null : row.GetString(9),
        PurposeClaim = row.IsDBNull(10) ? null : row.GetString(10),
        CreatedAt = Ticks.ToTimestamp(row.GetInt64(11)),
        UpdatedAt = Ticks.ToTimestamp(row.GetInt64(12)),
    };
}
