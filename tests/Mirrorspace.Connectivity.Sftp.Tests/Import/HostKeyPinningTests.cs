using System.Text.Json.Nodes;
using Mirrorspace.Connectivity.Sftp.Tests.Testing;

namespace Mirrorspace.Connectivity.Sftp.Tests.Import;

/// <summary>A server whose host key changed is refused before authentication: nothing is read, ingested or moved, and the refusal is audited.</summary>
public sealed class HostKeyPinningTests : IAsyncLifetime
{
    private readonly SftpNode _node = new();
    private OpenSshServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await OpenSshServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _node.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Run_HostKeyChanged_RefusesTheConnectionAndIngestsNothing()
    {
        var (_, admin) = await _node.CreateTenantAsync();
        await admin.CreatePumpAsync("pump-k");
        await admin.PutConnectorAsync("inbox", ConnectorApi.Definition(_server));
        _server.PutFile("first.csv", "twinId,property,value\npump-k,speed,100\n");
        Assert.Equal("completed", (await admin.RunConnectorAsync("inbox"))["status"]!.GetValue<string>());
        var pinned = _server.HostKeyFingerprint;

        await _server.ReplaceHostKeyAsync();
        _server.PutFile("second.csv", "twinId,property,value\npump-k,speed,200\n");
        var result = await admin.RunConnectorAsync("inbox");

        Assert.Equal("hostKeyRefused", result["status"]!.GetValue<string>());
        var error = result["error"]!.GetValue<string>();
        Assert.Contains(_server.HostKeyFingerprint, error, StringComparison.Ordinal);
        Assert.Contains("before authentication", error, StringComparison.Ordinal);
        Assert.Equal(0, result["filesSeen"]!.GetValue<int>());
        Assert.True(_server.InInbox("second.csv"));
        Assert.Equal([100d], (await admin.HistoryAsync("pump-k", "speed")).Select(p => p.Value));
        // sshd logs every authentication attempt ("Accepted publickey", "Failed password"); since the restart with the new key there was none.
        Assert.DoesNotContain("publickey", _server.ServerLog, StringComparison.OrdinalIgnoreCase);

        var audit = await admin.GetJsonAsync("/api/v1/audit?limit=1000");
        var refused = Assert.Single(Entries(audit), e => e["action"]!.GetValue<string>() == "connector.host-key-refused");
        Assert.Equal("denied", refused["outcome"]!.GetValue<string>());
        Assert.Contains(pinned, refused["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(Entries(audit), e => e["action"]!.GetValue<string>() == "connector.run" && e["outcome"]!.GetValue<string>() == "denied");
    }

    [Fact]
    public async Task Run_HostKeyChangedBack_ConnectsOnceThePinIsUpdated()
    {
        var (_, admin) = await _node.CreateTenantAsync();
        await admin.CreatePumpAsync("pump-u");
        await _server.ReplaceHostKeyAsync();
        var definition = ConnectorApi.Definition(_server);
        await admin.PutConnectorAsync("inbox", definition);
        _server.PutFile("only.csv", "twinId,property,value\npump-u,speed,300\n");

        var result = await admin.RunConnectorAsync("inbox");

        Assert.Equal("completed", result["status"]!.GetValue<string>());
        Assert.Equal([300d], (await admin.HistoryAsync("pump-u", "speed")).Select(p => p.Value));
    }

    private static IEnumerable<JsonObject> Entries(JsonObject page) =>
        page["items"]!.AsArray().Select(e => e!.AsObject());
}
