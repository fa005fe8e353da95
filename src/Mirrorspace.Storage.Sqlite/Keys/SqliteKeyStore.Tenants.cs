using Mirrorspace.Storage.Keys;

namespace Mirrorspace.Storage.Sqlite.Keys;

/// <summary>Erasure of a whole tenant.</summary>
public sealed partial class SqliteKeyStore
{
    public Task<bool> EraseTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return _database.WriteAsync(
            writer =>
            {
                var connection = writer.Connection;
                SecureDelete(connection);
                var existed = SqliteQuery.Single(connection, "SELECT tenant_id FROM tenants WHERE tenant_id = $tenant_id;", r => r.GetString(0), ("$tenant_id", tenantId)) is not null;
                using (var transaction = connection.BeginTransaction())
                {
                    SqliteQuery.Execute(connection, KeySqlScripts.EraseTenant, ("$tenant_id", tenantId));
                    transaction.Commit();
                }

                TruncateWal(connection);
                return existed;
            },
            cancellationToken);
    }
}
