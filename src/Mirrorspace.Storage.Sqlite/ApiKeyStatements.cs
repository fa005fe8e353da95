using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Sqlite;

/// <summary>Tenants' API keys and the platform administrator's keys; every tenant key statement but the lookup by key id names the tenant.</summary>
internal static class ApiKeyStatements
{
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
            ("$scopes", key.Scopes.Count == 0 ? null : string.Join(' ', key.Scopes)),
            ("$issued_by", key.IssuedBy),
            ("$break_glass", key.BreakGlass ? 1 : 0));

    public static Task<ApiKeyRecord?> FindApiKeyAsync(SqliteConnection connection, string keyId, CancellationToken cancellationToken) =>
        SqliteQuery.SingleAsync(connection, SqlScripts.FindApiKey, Rows.ApiKey, cancellationToken, ("$key_id", keyId));

    public static Task<ApiKeyRecord?> GetApiKeyAsync(SqliteConnection connection, string tenantId, string keyId, CancellationToken cancellationToken) =>
        SqliteQuery.SingleAsync(connection, SqlScripts.GetApiKey, Rows.ApiKey, cancellationToken, ("$tenant_id", tenantId), ("$key_id", keyId));

    public static async Task<Page<ApiKeyRecord>> ListApiKeysAsync(
        SqliteConnection connection, string tenantId, PageRequest page, CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(page);
        var rows = await SqliteQuery.ListAsync(
            connection,
            SqlScripts.ListApiKeys,
            Rows.ApiKey,
            cancellationToken,
            ("$tenant_id", tenantId),
            ("$after", Paging.After(page)),
            ("$limit", limit + 1)).ConfigureAwait(false);
        return Paging.ToPage(rows, limit, key => key.KeyId);
    }

    public static bool RevokeApiKey(SqliteConnection connection, string tenantId, string keyId, DateTimeOffset revokedAt) =>
        SqliteQuery.Execute(
            connection,
            SqlScripts.RevokeApiKey,
            ("$tenant_id", tenantId),
            ("$key_id", keyId),
            ("$revoked_at", Ticks.From(revokedAt))) == 1;

    /// <summary>Both statements in one transaction: there is never a moment with two live platform keys, nor one with none.</summary>
    public static void ReplacePlatformKey(SqliteConnection connection, PlatformKeyRecord key)
    {
        using var transaction = connection.BeginTransaction();
        SqliteQuery.Execute(connection, SqlScripts.RevokePlatformKeys, ("$revoked_at", Ticks.From(key.CreatedAt)));
        SqliteQuery.Execute(
            connection,
            SqlScripts.InsertPlatformKey,
            ("$key_id", key.KeyId),
            ("$secret_hash", key.SecretHash),
            ("$created_at", Ticks.From(key.CreatedAt)));
        transaction.Commit();
    }

    public static Task<PlatformKeyRecord?> FindPlatformKeyAsync(SqliteConnection connection, string keyId, CancellationToken cancellationToken) =>
        SqliteQuery.SingleAsync(connection, SqlScripts.FindPlatformKey, Rows.PlatformKey, cancellationToken, ("$key_id", keyId));
}
