using System.Security.Cryptography;
using System.Text;
using Mirrorspace.Storage.Connectors;
using Mirrorspace.Storage.Encryption;
using Mirrorspace.Storage.Encryption.Tests.Testing;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Sqlite.Connectors;

namespace Mirrorspace.Storage.Encryption.Tests.Connectors;

/// <summary>Connector credentials are sealed under the tenant's data key before SQLite sees them, and bound to tenant and connector.</summary>
public sealed class ConnectorCredentialsTests : IAsyncLifetime
{
    private const string Password = "canary-password-7c1f9e";
    private const string PrivateKey = "-----BEGIN OPENSSH PRIVATE KEY-----\ncanary-key-material-3b8d\n-----END OPENSSH PRIVATE KEY-----\n";

    private readonly TempDataDirectory _directory = new();
    private EncryptedTwinSpace _space = null!;
    private SqliteConnectorStore _sut = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _space = await Spaces.OpenAsync(_directory, Spaces.NewKey());
        _sut = new SqliteConnectorStore(_directory.Options, new KeyRingCredentialCipher(_space.Keys));
        await _sut.InitializeAsync(Ct);
        foreach (var tenant in new[] { "tenant-a", "tenant-b" })
        {
            await _space.Store.CreateTenantAsync(new TenantRecord { Id = tenant, Name = tenant, CreatedAt = Spaces.BaseTime }, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sut.DisposeAsync();
        await _space.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task PutAsync_Password_StoresNoPlaintextAndOpensAgain()
    {
        await _sut.PutAsync(Connector("tenant-a", "drop"), ConnectorCredentials.WithPassword(Password), Ct);

        Assert.Equal(0, _directory.CountOccurrences(Encoding.UTF8.GetBytes(Password)));
        Assert.StartsWith(EncryptedText.Prefix, await _directory.ScalarAsync<string>("SELECT credentials FROM connectors"), StringComparison.Ordinal);
        Assert.Equal(Password, (await _sut.GetCredentialsAsync("tenant-a", "drop", Ct))!.Password);
    }

    [Fact]
    public async Task PutAsync_PrivateKey_StoresNoPlaintextAndOpensAgain()
    {
        await _sut.PutAsync(Connector("tenant-a", "drop"), ConnectorCredentials.WithPrivateKey(PrivateKey, "canary-passphrase-55e0"), Ct);

        Assert.Equal(0, _directory.CountOccurrences(Encoding.UTF8.GetBytes("canary-key-material-3b8d")));
        Assert.Equal(0, _directory.CountOccurrences(Encoding.UTF8.GetBytes("canary-passphrase-55e0")));
        var opened = await _sut.GetCredentialsAsync("tenant-a", "drop", Ct);
        Assert.Equal((PrivateKey, "canary-passphrase-55e0", ConnectorAuthKind.PrivateKey), (opened!.PrivateKey, opened.Passphrase, (await _sut.GetAsync("tenant-a", "drop", Ct))!.AuthKind));
    }

    [Fact]
    public async Task GetCredentialsAsync_RowCopiedToAnotherTenant_FailsToOpen()
    {
        await _sut.PutAsync(Connector("tenant-a", "drop"), ConnectorCredentials.WithPassword(Password), Ct);
        await _sut.PutAsync(Connector("tenant-b", "drop"), ConnectorCredentials.WithPassword("tenant-b's own"), Ct);

        await _directory.ExecuteAsync("""
            UPDATE connectors SET credentials = (SELECT credentials FROM connectors WHERE tenant_id = 'tenant-a')
            WHERE tenant_id = 'tenant-b'
            """);

        await Assert.ThrowsAsync<CryptographicException>(() => _sut.GetCredentialsAsync("tenant-b", "drop", Ct));
    }

    [Fact]
    public async Task GetCredentialsAsync_RowCopiedToAnotherConnector_FailsToOpen()
    {
        await _sut.PutAsync(Connector("tenant-a", "drop"), ConnectorCredentials.WithPassword(Password), Ct);
        await _sut.PutAsync(Connector("tenant-a", "other"), ConnectorCredentials.WithPassword("other's own"), Ct);

        await _directory.ExecuteAsync("""
            UPDATE connectors SET credentials = (SELECT credentials FROM connectors WHERE connector_id = 'drop')
            WHERE connector_id = 'other'
            """);

        await Assert.ThrowsAsync<CryptographicException>(() => _sut.GetCredentialsAsync("tenant-a", "other", Ct));
    }

    [Fact]
    public async Task PutAsync_ExistingWithoutCredentials_KeepsTheSealedOnes()
    {
        await _sut.PutAsync(Connector("tenant-a", "drop"), ConnectorCredentials.WithPassword(Password), Ct);

        var outcome = await _sut.PutAsync(Connector("tenant-a", "drop") with { Host = "moved.example.com" }, null, Ct);

        Assert.Equal(ConnectorSaveOutcome.Updated, outcome);
        Assert.Equal("moved.example.com", (await _sut.GetAsync("tenant-a", "drop", Ct))!.Host);
        Assert.Equal(Password, (await _sut.GetCredentialsAsync("tenant-a", "drop", Ct))!.Password);
    }

    [Fact]
    public async Task PutAsync_NewWithoutCredentials_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _sut.PutAsync(Connector("tenant-a", "drop"), null, Ct));

        Assert.Null(await _sut.GetAsync("tenant-a", "drop", Ct));
    }

    [Fact]
    public async Task EraseTenantAsync_RemovesTheTenantsConnectorsAndLedgerOnly()
    {
        foreach (var tenant in new[] { "tenant-a", "tenant-b" })
        {
            await _sut.PutAsync(Connector(tenant, "drop"), ConnectorCredentials.WithPassword(Password), Ct);
            await _sut.SaveImportedFileAsync(Ledger(tenant, "drop"), Ct);
        }

        await _space.Keys.EraseTenantAsync("tenant-a", Ct);

        Assert.Null(await _sut.GetAsync("tenant-a", "drop", Ct));
        Assert.Empty(await _sut.GetImportedFilesAsync("tenant-a", "drop", "readings.csv", Ct));
        Assert.Equal(0L, await _directory.ScalarAsync<long>("SELECT COUNT(*) FROM connector_files WHERE tenant_id = 'tenant-a'"));
        Assert.NotNull(await _sut.GetAsync("tenant-b", "drop", Ct));
        Assert.Single(await _sut.GetImportedFilesAsync("tenant-b", "drop", "readings.csv", Ct));
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheConnectorAndItsLedger()
    {
        await _sut.PutAsync(Connector("tenant-a", "drop"), ConnectorCredentials.WithPassword(Password), Ct);
        await _sut.SaveImportedFileAsync(Ledger("tenant-a", "drop"), Ct);

        Assert.True(await _sut.DeleteAsync("tenant-a", "drop", Ct));

        Assert.False(await _sut.DeleteAsync("tenant-a", "drop", Ct));
        Assert.Equal(0L, await _directory.ScalarAsync<long>("SELECT COUNT(*) FROM connector_files"));
    }

    [Fact]
    public async Task ListScheduledAsync_ReturnsEnabledConnectorsOfEveryTenant()
    {
        await _sut.PutAsync(Connector("tenant-a", "on"), ConnectorCredentials.WithPassword(Password), Ct);
        await _sut.PutAsync(Connector("tenant-a", "off") with { Enabled = false }, ConnectorCredentials.WithPassword(Password), Ct);
        await _sut.PutAsync(Connector("tenant-b", "on") with { Interval = TimeSpan.FromMinutes(15) }, ConnectorCredentials.WithPassword(Password), Ct);

        var scheduled = await _sut.ListScheduledAsync(Ct);

        Assert.Equal(
            [new ConnectorSchedule("tenant-a", "on", TimeSpan.FromMinutes(5)), new ConnectorSchedule("tenant-b", "on", TimeSpan.FromMinutes(15))],
            scheduled);
    }

    private static ConnectorRecord Connector(string tenantId, string connectorId) => new()
    {
        TenantId = tenantId,
        ConnectorId = connectorId,
        Host = "127.0.0.1",
        Port = 22,
        User = "drop",
        AuthKind = ConnectorAuthKind.Password,
        HostKeyFingerprint = "SHA256:" + new string('A', 43),
        RemoteFolder = "/inbox",
        FilePattern = "*.csv",
        Format = BatchFormat.Csv,
        Interval = TimeSpan.FromMinutes(5),
        Processed = ProcessedFileHandling.Move,
        Enabled = true,
        CreatedAt = Spaces.BaseTime,
        UpdatedAt = Spaces.BaseTime,
    };

    private static ImportedFileRecord Ledger(string tenantId, string connectorId) => new()
    {
        TenantId = tenantId,
        ConnectorId = connectorId,
        FileName = "readings.csv",
        ContentHash = new string('0', 64),
        Size = 10,
        ModifiedAt = Spaces.BaseTime,
        State = ImportedFileState.Completed,
        NextLine = 3,
        RowsAccepted = 2,
        RowsRefused = 0,
        StartedAt = Spaces.BaseTime,
        CompletedAt = Spaces.BaseTime,
    };
}
