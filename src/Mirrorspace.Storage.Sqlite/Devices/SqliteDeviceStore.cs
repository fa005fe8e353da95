using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Devices;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Sqlite.Devices;

/// <summary>
/// The <see cref="IDeviceStore"/> in the node's SQLite file, through its own write connection: device
/// changes are rare, one small transaction each, and must not queue behind the history's group commits.
/// </summary>
public sealed class SqliteDeviceStore : IDeviceStore, IAsyncDisposable
{
    private readonly SqliteDatabase _database;

    public SqliteDeviceStore(SqliteStoreOptions options)
    {
        _database = SqliteDatabase.ForStore(options);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.MigrateAsync(cancellationToken);

    public Task<bool> CreateAsync(DeviceRecord device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        return _database.WriteAsync(
            writer => SqliteQuery.Execute(
                writer.Connection,
                DeviceSqlScripts.Insert,
                ("$device_id", device.DeviceId),
                ("$tenant_id", device.TenantId),
                ("$twin_id", device.TwinId),
                ("$secret_hash", device.SecretHash),
                ("$certificate_thumbprint", device.CertificateThumbprint),
                ("$enabled", device.Enabled),
                ("$credential_version", device.CredentialVersion),
                ("$created_at", Ticks.From(device.CreatedAt)),
                ("$updated_at", Ticks.From(device.UpdatedAt)),
                ("$signing_algorithm", device.SigningAlgorithm),
                ("$signing_key", device.SigningKey)) == 1,
            cancellationToken);
    }

    public Task<DeviceRecord?> FindAsync(string deviceId, CancellationToken cancellationToken) =>
        ReadOneAsync(DeviceSqlScripts.Find, cancellationToken, ("$device_id", deviceId));

    public Task<DeviceRecord?> FindByThumbprintAsync(string thumbprint, CancellationToken cancellationToken) =>
        ReadOneAsync(DeviceSqlScripts.FindByThumbprint, cancellationToken, ("$thumbprint", thumbprint));

    public Task<DeviceRecord?> GetAsync(string tenantId, string deviceId, CancellationToken cancellationToken) =>
        ReadOneAsync(DeviceSqlScripts.Get, cancellationToken, ("$tenant_id", tenantId), ("$device_id", deviceId));

    public Task<Page<DeviceRecord>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var limit = Paging.Limit(page);
        return _database.ReadAsync(
            async (connection, ct) => Paging.ToPage(
                await SqliteQuery.ListAsync(
                    connection, DeviceSqlScripts.List, Device, ct,
                    ("$tenant_id", tenantId), ("$after", Paging.After(page)), ("$limit", limit + 1)).ConfigureAwait(false),
                limit,
                d => d.DeviceId),
            cancellationToken);
    }

    public Task<bool> UpdateAsync(DeviceRecord device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        return _database.WriteAsync(
            writer => SqliteQuery.Execute(
                writer.Connection,
                DeviceSqlScripts.Update,
                ("$tenant_id", device.TenantId),
                ("$device_id", device.DeviceId),
                ("$secret_hash", device.SecretHash),
                ("$certificate_thumbprint", device.CertificateThumbprint),
                ("$enabled", device.Enabled),
                ("$credential_version", device.CredentialVersion),
                ("$updated_at", Ticks.From(device.UpdatedAt)),
                ("$signing_algorithm", device.SigningAlgorithm),
                ("$signing_key", device.SigningKey)) == 1,
            cancellationToken);
    }

    public Task<bool> DeleteAsync(string tenantId, string deviceId, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            writer => SqliteQuery.Execute(writer.Connection, DeviceSqlScripts.Delete, ("$tenant_id", tenantId), ("$device_id", deviceId)) == 1,
            cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private Task<DeviceRecord?> ReadOneAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        _database.ReadAsync((connection, ct) => SqliteQuery.SingleAsync(connection, sql, Device, ct, parameters), cancellationToken);

    private static DeviceRecord Device(SqliteDataReader row) => new()
    {
        DeviceId = row.GetString(0),
        TenantId = row.GetString(1),
        TwinId = row.GetString(2),
        SecretHash = row.IsDBNull(3) ? null : row.GetFieldValue<byte[]>(3),
        CertificateThumbprint = row.IsDBNull(4) ? null : row.GetString(4),
        Enabled = row.GetInt64(5) != 0,
        CredentialVersion = row.GetInt32(6),
        CreatedAt = Ticks.ToTimestamp(row.GetInt64(7)),
        UpdatedAt = Ticks.ToTimestamp(row.GetInt64(8)),
        SigningAlgorithm = row.IsDBNull(9) ? null : row.GetString(9),
        SigningKey = row.IsDBNull(10) ? null : row.GetString(10),
        LastSequence = row.IsDBNull(11) ? null : (uint)row.GetInt64(11),
        Trust = row.GetDouble(12),
    };
}
