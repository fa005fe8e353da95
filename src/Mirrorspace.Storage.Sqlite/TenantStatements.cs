using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Sqlite;

internal static class TenantStatements
{
    public static bool CreateTenant(SqliteConnection connection, TenantRecord tenant) =>
        SqliteQuery.Execute(
            connection,
            SqlScripts.InsertTenant,
            ("$tenant_id", tenant.Id),
            ("$name", tenant.Name),
            ("$created_at", Ticks.From(tenant.CreatedAt))) == 1;

    public static Task<TenantRecord?> GetTenantAsync(SqliteConnection connection, string tenantId, CancellationToken cancellationToken) =>
        SqliteQuery.SingleAsync(connection, SqlScripts.GetTenant, Rows.Tenant, cancellationToken, ("$tenant_id", tenantId));

    public static async Task<IReadOnlyList<TenantRecord>> ListTenantsAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        await SqliteQuery.ListAsync(connection, SqlScripts.ListTenants, Rows.Tenant, cancellationToken).ConfigureAwait(false);

    public static void CreateApiKey(SqliteConnection connection, ApiKeyRecord key) =>
        SqliteQuery.Execute(
            connection,
            SqlScripts.InsertApiKey,
            ("$tenant_id", key.TenantId),
            ("$key_id", key.KeyId),
            ("$role", key.Role),
            ("$secret_hash", key.SecretHash),
            ("$created_at", Ticks.From(key.CreatedAt)),
            ("$expires_at", key.ExpiresAt is { } expires ? Ticks.From(expires) : null),
            ("$description", key.Description),
            ("$clearance", key.Clearance),
            ("$purpose", key.Purpose),
            ("$scopes", key.Scopes.Count == 0 ? null : string.Join(' ', key.Scopes)));

    public static Task<ApiKeyRecord?> FindApiKeyAsync(SqliteConnection connection, string keyId, CancellationToken cancellationToken) =>
        SqliteQuery.SingleAsync(connection, SqlScripts.FindApiKey, Rows.ApiKey, cancellationToken, ("$key_id", keyId));
}
