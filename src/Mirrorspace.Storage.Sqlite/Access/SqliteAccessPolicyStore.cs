using Mirrorspace.Storage.Access;

namespace Mirrorspace.Storage.Sqlite.Access;

/// <summary>The <see cref="IAccessPolicyStore"/> in the node's SQLite file, through its own connection: policy changes are rare.
/// The node's main store migrates the schema before anything reads it.</summary>
public sealed class SqliteAccessPolicyStore : IAccessPolicyStore, IAsyncDisposable
{
    private static readonly string GetPolicy = SqlScripts.Load("Access.GetPolicy");
    private static readonly string InsertPolicy = SqlScripts.Load("Access.InsertPolicy");
    private static readonly string UpdatePolicy = SqlScripts.Load("Access.UpdatePolicy");

    private readonly SqliteDatabase _database;

    public SqliteAccessPolicyStore(SqliteStoreOptions options)
    {
        _database = SqliteDatabase.ForStore(options);
    }

    public Task<StoredAccessPolicy?> GetAsync(string tenantId, CancellationToken cancellationToken) =>
        _database.ReadAsync(
            (connection, ct) => SqliteQuery.SingleAsync(
                connection,
                GetPolicy,
                row => new StoredAccessPolicy(row.GetString(0), row.GetInt64(1), row.GetString(2), Ticks.ToTimestamp(row.GetInt64(3))),
                ct,
                ("$tenant_id", tenantId)),
            cancellationToken);

    public Task<long?> SaveAsync(string tenantId, string document, long expectedVersion, DateTimeOffset updatedAt, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            writer =>
            {
                using var command = writer.Connection.CreateCommand();
                command.CommandText = expectedVersion == 0 ? InsertPolicy : UpdatePolicy;
                command.Parameters.AddWithValue("$tenant_id", tenantId);
                command.Parameters.AddWithValue("$document", document);
                command.Parameters.AddWithValue("$expected_version", expectedVersion);
                command.Parameters.AddWithValue("$updated_at", Ticks.From(updatedAt));
                return command.ExecuteScalar() is long version ? version : (long?)null;
            },
            cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
