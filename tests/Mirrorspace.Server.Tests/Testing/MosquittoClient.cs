using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Connectivity.Mqtt;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>
/// mosquitto_pub or mosquitto_sub (Debian <c>mosquitto-clients</c>, installed by test.sh) run against the
/// test node's broker over TLS with <c>--cafile</c> the node's ca.pem. A process that outlives the
/// deadline is killed and fails the test, so a hang never blocks CI.
/// </summary>
public sealed class MosquittoClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _output = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _error = new();

    private MosquittoClient(Process process) => _process = process;

    public string StandardError
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Runs mosquitto_pub to completion.</summary>
    public static async Task<MosquittoResult> PublishAsync(MirrorspaceFactory factory, string version, DeviceLogin login, string topic, params string[] message)
    {
        await using var client = Start(factory, "mosquitto_pub", version, login, ["-t", topic, "-q", "1", .. message]);
        return await client.CompletionAsync();
    }

    /// <summary>Starts mosquitto_sub printing <c>topic payload</c> per line; read them with <see cref="NextLineAsync"/>.</summary>
    public static MosquittoClient Subscribe(MirrorspaceFactory factory, string version, DeviceLogin login, params string[] topics) =>
        Start(factory, "mosquitto_sub", version, login, ["-v", .. topics.SelectMany(t => new[] { "-t", t })]);

    public async Task<string> NextLineAsync(string expectation)
    {
        try
        {
            return await _output.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WithinDeadlineAsync(expectation);
        }
        catch (ChannelClosedException)
        {
            Assert.Fail($"mosquitto_sub exited before {expectation}; stderr: {StandardError}");
            throw;
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code and output.</summary>
    public async Task<MosquittoResult> CompletionAsync()
    {
        try
        {
            await _process.WaitForExitAsync(TestContext.Current.CancellationToken).WithinDeadlineAsync($"{_process.StartInfo.FileName} to exit; stderr so far: {StandardError}");
        }
        finally
        {
            Kill();
        }

        // The exit is known before the last output is: wait for both streams to end.
        _process.WaitForExit();
        var output = new List<string>();
        while (_output.Reader.TryRead(out var line))
        {
            output.Add(line);
        }

        return new MosquittoResult(_process.ExitCode, string.Join('\n', output), StandardError);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static MosquittoClient Start(MirrorspaceFactory factory, string tool, string version, DeviceLogin login, IEnumerable<string> arguments)
    {
        var endpoint = factory.Services.GetRequiredService<MqttBroker>().TlsEndpoint!;
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[
            "-h", endpoint.Address.ToString(), "-p", endpoint.Port.ToString(CultureInfo.InvariantCulture),
            "--cafile", NodeTrust.CaPath(factory), "-V", version, "-i", login.ClientId, .. login.Arguments, .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var client = new MosquittoClient(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                client._output.Writer.TryComplete();
            }
            else
            {
                client._output.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (client._error)
            {
                client._error.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return client;
    }

    private void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }
}
