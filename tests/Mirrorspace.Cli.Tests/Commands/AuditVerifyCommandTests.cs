using System.Net;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Tests.Commands;

/// <summary>
/// <c>mirrorspace audit verify</c> on the data directory a real node left behind: three refused
/// keys logged (resources canary-1..3), then the node stopped. Each test verifies its own copy.
/// </summary>
public sealed class AuditVerifyCommandTests(AuditVerifyCommandTests.StoppedNode node) : IClassFixture<AuditVerifyCommandTests.StoppedNode>, IDisposable
{
    private const int AuditVerificationFailed = 6;
    private readonly TempDirectory _copy = node.Copy();

    public void Dispose() => _copy.Dispose();

    [Fact]
    public async Task Verify_UntouchedLog_ExitsZeroWithCounts()
    {
        var (exitCode, output, error) = await CliProcess.RunAsync("audit", "verify", "--data", _copy.Data, "--json");

        Assert.True(exitCode == 0, error);
        var result = JsonNode.Parse(Assert.Single(output))!;
        Assert.True(result["ok"]!.GetValue<bool>());
        Assert.Equal(3, result["entries"]!.GetValue<long>());
        Assert.Equal(3, result["signedEntries"]!.GetValue<long>());
        Assert.True(result["checkpoints"]!.GetValue<int>() >= 1, "shutdown stores a checkpoint");
    }

    [Fact]
    public async Task Verify_UntouchedLog_PrintsOk()
    {
        var (exitCode, output, _) = await CliProcess.RunAsync("audit", "verify", "--data", _copy.Data);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("OK: 3 entries", Assert.Single(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EntryEditedInTheFile_ExitsNonZeroNamingIt()
    {
        var database = Path.Combine(_copy.Data, "audit.db");
        var bytes = await File.ReadAllBytesAsync(database, TestContext.Current.CancellationToken);
        var at = bytes.AsSpan().IndexOf("canary-2"u8);
        Assert.True(at >= 0, "the stopped node's audit.db holds the entry");
        bytes[at + 7] = (byte)'X';
        await File.WriteAllBytesAsync(database, bytes, TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await CliProcess.RunAsync("audit", "verify", "--data", _copy.Data);

        Assert.Equal(AuditVerificationFailed, exitCode);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Changed at entry 2", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SignedHeadDeleted_ExitsNonZero()
    {
        File.Delete(Path.Combine(_copy.Data, "audit-head.json"));

        var (exitCode, output, _) = await CliProcess.RunAsync("audit", "verify", "--data", _copy.Data, "--json");

        Assert.Equal(AuditVerificationFailed, exitCode);
        Assert.Equal("MissingHead", JsonNode.Parse(Assert.Single(output))!["problem"]!.GetValue<string>());
    }

    [Fact]
    public async Task Verify_PublicKeyOfAnotherNode_ExitsNonZero()
    {
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var otherKey = Path.Combine(_copy.Path, "other.pub.pem");
        await File.WriteAllTextAsync(otherKey, other.ExportSubjectPublicKeyInfoPem(), TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await CliProcess.RunAsync("audit", "verify", "--data", _copy.Data, "--public-key", otherKey);

        Assert.Equal(AuditVerificationFailed, exitCode);
        Assert.Contains("BadCheckpointSignature", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NodeNeverRan_ExitsNonZero()
    {
        using var fresh = new TempDirectory();
        await NodeApi.InitAsync(fresh);

        var (exitCode, _, error) = await CliProcess.RunAsync("audit", "verify", "--data", fresh.Data);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("no audit log", error, StringComparison.Ordinal);
    }

    /// <summary>Runs a node once, sends three refused keys, stops it gracefully.</summary>
    public sealed class StoppedNode : IAsyncLifetime
    {
        private readonly TempDirectory _directory = new();

        public async ValueTask InitializeAsync()
        {
            var key = await NodeApi.InitAsync(_directory);
            var refused = $"{key[..(key.IndexOf('_', 4) + 1)]}not-the-secret";
            await using var serve = CliProcess.Start("serve", "--data", _directory.Data, "--http", "http://127.0.0.1:0", "--json");
            using (var http = await NodeApi.ConnectAsync(serve, refused))
            {
                for (var i = 1; i <= 3; i++)
                {
                    using var response = await http.GetAsync(new Uri($"/api/v1/twins/canary-{i}", UriKind.Relative));
                    Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                }
            }

            Assert.Equal(0, await serve.SignalAndWaitAsync("TERM"));
        }

        /// <summary>A private copy of the stopped node's data directory.</summary>
        internal TempDirectory Copy()
        {
            var copy = new TempDirectory();
            Directory.CreateDirectory(copy.Data);
            foreach (var file in Directory.EnumerateFiles(_directory.Data))
            {
                File.Copy(file, Path.Combine(copy.Data, Path.GetFileName(file)));
            }

            return copy;
        }

        public ValueTask DisposeAsync()
        {
            _directory.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
