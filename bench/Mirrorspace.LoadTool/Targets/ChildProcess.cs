using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace Mirrorspace.LoadTool.Targets;

/// <summary>A broker or node under test in its own process: its output line by line, its CPU time, and a graceful stop.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _stdout = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stderr = new();

    private ChildProcess(Process process) => _process = process;

    public string Name => _process.StartInfo.FileName;

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

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                child._stdout.Writer.TryComplete();
            }
            else
            {
                child._stdout.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (child._stderr)
            {
                child._stderr.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to its end and returns its standard output; throws with its standard error when it fails.</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        await using var child = Start(fileName, arguments);
        var output = new StringBuilder();
        await foreach (var line in child._stdout.Reader.ReadAllAsync(cancellationToken))
        {
            output.AppendLine(line);
        }

        await child._process.WaitForExitAsync(cancellationToken);
        return child._process.ExitCode == 0
            ? output.ToString()
            : throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({child._process.ExitCode}): {child.StandardError}");
    }

    /// <summary>The next line of standard output; throws with the process's standard error when it ends first.</summary>
    public async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _stdout.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException ex)
        {
            throw new InvalidOperationException($"{Name} ended before printing what was expected: {StandardError}", ex);
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>User plus system CPU time the process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>SIGTERM, so a node flushes and mosquitto saves its store; SIGKILL if it has not ended within 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }
}
