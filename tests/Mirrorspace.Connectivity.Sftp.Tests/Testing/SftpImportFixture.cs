namespace Mirrorspace.Connectivity.Sftp.Tests.Testing;

/// <summary>One node and one SSH server shared by a test class; each test uses its own tenant, connector and file names.</summary>
public sealed class SftpImportFixture : IAsyncLifetime
{
    public SftpNode Node { get; } = new();

    public OpenSshServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await OpenSshServer.StartAsync();
        _ = Node.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        await Server.DisposeAsync();
    }
}
