using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Mirrorspace.Cli.Tests;

/// <summary>The real <c>mirrorspace</c> command in its own process, with its output readable line by line.</summary>
internal sealed class CliProcess : IAsyncDisposable
{
    private static readonly string CliPath = Path.GetFullPath(typeof(CliProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CliPath").Value!);

    private readonly Process _process;
    private readonly Channel<string> _stdout = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stderr = new();

    private CliProcess(Process process) => _process = process;

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static CliProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts the command with extra environment variables (e.g. an API key, which never goes on the command line).</summary>
    public static CliProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args) => Start(environment, input: null, args);

    private static CliProcess Start(IReadOnlyDictionary<string, string> environment, string? input, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.ArgumentList.Add(CliPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Nodes of tests running side by side must not all claim MQTT's 8883: each gets a free port unless a test says otherwise.
        info.Environment["Mirrorspace__Mqtt__TlsAddress"] = "127.0.0.1:0";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                cli._stdout.Writer.TryComplete();
            }
            else
            {
                cli._stdout.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (cli._stderr)
            {
                cli._stderr.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        return cli;
    }

    /// <summary>Runs a command to completion.</summary>
    public static Task<(int ExitCode, List<string> Output, string Error)> RunAsync(params string[] args) =>
        RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs a command to completion with extra environment variables.</summary>
    public static Task<(int ExitCode, List<string> Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(TimeSpan.FromSeconds(60), environment, args);

    /// <summary>Runs a command to completion with <paramref name="input"/> on its standard input (a password, which never goes on the command line).</summary>
    public static Task<(int ExitCode, List<string> Output, string Error)> RunWithInputAsync(string input, params string[] args) =>
        RunAsync(TimeSpan.FromSeconds(60), new Dictionary<string, string>(), input, args);

    /// <summary>Runs a command that takes a while (a simulation) to completion, failing after <paramref name="timeout"/>.</summary>
    public static Task<(int ExitCode, List<string> Output, string Error)> RunAsync(TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(timeout, environment, input: null, args);

    private static async Task<(int ExitCode, List<string> Output, string Error)> RunAsync(
        TimeSpan timeout, IReadOnlyDictionary<string, string> environment, string? input, params string[] args)
    {
        await using var cli = Start(environment, input, args);
        var output = new List<string>();
        await foreach (var line in cli._stdout.Reader.ReadAllAsync().WithCancellation(Timeout((int)timeout.TotalSeconds)))
        {
            output.Add(line);
        }

        await cli._process.WaitForExitAsync(Timeout(60));
        return (cli._process.ExitCode, output, cli.StandardError);
    }

    /// <summary>Waits for the first line of standard output that is a JSON object.</summary>
    public async Task<JsonObject> ReadJsonLineAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (true)
            {
                var line = await _stdout.Reader.ReadAsync(timeout.Token);
                if (line.StartsWith('{') && JsonNode.Parse(line) is JsonObject json)
                {
                    return json;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"Expected a JSON line from mirrorspace; stderr was:\n{StandardError}", ex);
        }
    }

    /// <summary>Sends a signal (TERM for a graceful stop, KILL for a crash) and waits for the exit code.</summary>
    public async Task<int> SignalAndWaitAsync(string signal)
    {
        using (var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(Timeout(10));
        }

        await _process.WaitForExitAsync(Timeout(60));
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static CancellationToken Timeout(int seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
