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
}
