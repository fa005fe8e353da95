using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Sqlite.Keys;
using static Mirrorspace.Storage.Sqlite.Tests.History.HistoryData;

namespace Mirrorspace.Storage.Sqlite.Tests;

/// <summary>A database written by the previous release (schema version 2) opens with this one and keeps its events.</summary>
public sealed class SchemaMigrationTests : IDisposable
{
    private const int TwinsBefore = 3;
    // More than one chunk's worth (HistoryChunk.Versions) per twin.
    private const int EventsPerTwin = 300;

    private readonly TempDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task InitializeAsync_VersionTwoDatabase_UpgradesAndReadsEveryEvent()
    {
        await CreateVersionTwoDatabaseAsync();

        await using var store = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest(), createTenants: false);

        Assert.Equal((long)SchemaMigrator.LatestVersion, await _database.ScalarAsync("PRAGMA user_version;"));
        for (var twin = 0; twin < TwinsBefore; twin++)
        {
            Assert.Equal(
                [.. Enumerable.Range(1, EventsPerTwin).Select(v => Event(v))],
                await ReadAsync(store, TenantA, $"pump-{twin}"));
        }

        await AssertVersionsAsync([1L, 2, 3], store, TenantA, "pump-0", new Records.EventRange { To = Event(3).Timestamp });
    }

    [Fact]
    public async Task CommitAsync_AfterUpgrade_ContinuesEachHistoryAndRefusesItsVersions()
    {
        await CreateVersionTwoDatabaseAsync();
        await using var store = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest(), createTenants: false);

        await Assert.ThrowsAnyAsync<Exception>(() => store.CommitAsync([Append(TenantA, "pump-1", EventsPerTwin, """{"x":1}""")], Ct));
        await store.CommitAsync([Append(TenantA, "pump-1", EventsPerTwin + 1)], Ct);
        await store.IndexHistoryAsync(Ct);

        Assert.Equal(Enumerable.Range(1, EventsPerTwin + 1).Select(v => (long)v), await VersionsAsync(store, TenantA, "pump-1"));
        Assert.Equal((0L, (TwinsBefore * EventsPerTwin) + 1L), await CountRowsAsync(_database));
    }

    [Fact]
    public async Task FindApiKeyAsync_KeyFromBeforeTheAccessColumns_ReadsAsAnOrdinaryLiveKey()
    {
        await CreateVersionTwoDatabaseAsync();
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.FilePath, Pooling = false }.ToString()))
        {
            await connection.OpenAsync(Ct);
            await ExecuteAsync(connection, $"""
                INSERT INTO api_keys (tenant_id, key_id, role, secret_hash, created_at, expires_at, description)
                VALUES ('{TenantA}', '0123456789abcdef', 'operator', x'00', 0, NULL, NULL);
                """);
        }

        await using var store = await OpenAsync(_database.CreateStoreIndexingOnlyOnRequest(), createTenants: false);
        var key = await store.FindApiKeyAsync("0123456789abcdef", Ct);

        Assert.NotNull(key);
        Assert.Equal(("proprietary", null, null, false, null), (key.Clearance, key.Purpose, key.IssuedBy, key.BreakGlass, key.RevokedAt));
        Assert.Empty(key.Scopes);
    }

    /// <summary>The schema exactly as the previous release created it (its two migration scripts, unchanged), with a tenant and events.</summary>
    private async Task CreateVersionTwoDatabaseAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.FilePath, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;");
        await ExecuteAsync(connection, SqlScripts.Schema);
        await ExecuteAsync(connection, KeySqlScripts.SchemaV2);
        await ExecuteAsync(connection, $"INSERT INTO tenants (tenant_id, name, created_at) VALUES ('{TenantA}', 'A', 0);");
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        for (var twin = 0; twin < TwinsBefore; twin++)
        {
            for (var version = 1; version <= EventsPerTwin; version++)
            {
                var e = Event(version);
                await using var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO twin_events (tenant_id, twin_id, version, timestamp, kind, payload, source)
                    VALUES ($tenant, $twin, $version, $timestamp, $kind, $payload, $source);
                    """;
                insert.Parameters.AddWithValue("$tenant", TenantA);
                insert.Parameters.AddWithValue("$twin", $"pump-{twin}");
                insert.Parameters.AddWithValue("$version", e.Version);
                insert.Parameters.AddWithValue("$timestamp", e.Timestamp.UtcTicks);
                insert.Parameters.AddWithValue("$kind", (long)e.Kind);
                insert.Parameters.AddWithValue("$payload", e.Payload);
                insert.Parameters.AddWithValue("$source", e.Source);
                await insert.ExecuteNonQueryAsync(Ct);
            }
        }

        await transaction.CommitAsync(Ct);
        Assert.Equal(2L, await new SqliteCommand("PRAGMA user_version;", connection).ExecuteScalarAsync(Ct));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
