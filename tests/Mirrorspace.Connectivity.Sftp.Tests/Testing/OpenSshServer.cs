using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mirrorspace.Connectivity.Sftp.Tests.Testing;

/// <summary>
/// A real OpenSSH server (Debian's openssh-server, <c>internal-sftp</c> only) on a free loopback
/// port, with a host key and a client key generated for it, serving one inbox folder. As root it
/// chroots the session into a root-owned folder, as a production SFTP drop box would; as another
/// user it cannot (sshd needs root to chroot), so the session sees the real path instead.
/// </summary>
public sealed class OpenSshServer : IAsyncDisposable
{
    private const string SshdPath = "/usr/sbin/sshd";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _root;
    private readonly bool _chrooted;
    private Process? _sshd;
    private StringBuilder _log = new();

    private OpenSshServer(string root, bool chrooted, int port)
    {
        _root = root;
        _chrooted = chrooted;
        Port = port;
    }

    public static bool IsRoot => Environment.UserName == "root";

    public int Port { get; }

    public static string User => Environment.UserName;

    /// <summary>The client's private key, OpenSSH format.</summary>
    public string ClientPrivateKey { get; private set; } = string.Empty;

    /// <summary>The host key's fingerprint as <c>ssh-keygen -lf</c> prints it.</summary>
    public string HostKeyFingerprint { get; private set; } = string.Empty;

    /// <summary>The inbox as an SFTP client sees it.</summary>
    public string RemoteFolder => _chrooted ? "/inbox" : LocalInbox;

    /// <summary>The inbox on this machine's file system, where tests put files.</summary>
    public string LocalInbox => Path.Combine(ChrootFolder, "inbox");

    public string LocalProcessed => Path.Combine(LocalInbox, "processed");

    private string ChrootFolder => Path.Combine(_root, "chroot");

    private string HostKeyPath => Path.Combine(_root, "host_ed25519");

    public static async Task<OpenSshServer> StartAsync()
    {
        if (!File.Exists(SshdPath))
        {
            throw new InvalidOperationException($"{SshdPath} is missing: install Debian's openssh-server (test.sh does).");
        }

        // sshd refuses a chroot whose every path component is not root-owned and closed to others, which
        // rules out /tmp; /run is root's own. Without root there is no chroot, so the temp folder will do.
        var root = IsRoot
            ? Path.Combine("/run", "mirrorspace-sftp-tests", Guid.NewGuid().ToString("N"))
            : Path.Combine(Path.GetTempPath(), $"mirrorspace-sftp-tests-{Guid.NewGuid():N}");
        var server = new OpenSshServer(root, IsRoot, FreePort());
        try
        {
            await server.PrepareAsync();
            await server.StartSshdAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public void PutFile(string name, string content) => File.WriteAllText(Path.Combine(LocalInbox, name), content, new UTF8Encoding(false));

    public bool InInbox(string name) => File.Exists(Path.Combine(LocalInbox, name));

    public bool InProcessed(string name) => File.Exists(Path.Combine(LocalProcessed, name));

    /// <summary>Gives the server a new host key on the same address, as a reinstalled or impersonated server would have.</summary>
    public async Task ReplaceHostKeyAsync()
    {
        await StopSshdAsync();
        File.Delete(HostKeyPath);
        File.Delete(HostKeyPath + ".pub");
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", "replaced", "-f", HostKeyPath);
        HostKeyFingerprint = await FingerprintAsync(HostKeyPath + ".pub");
        await StartSshdAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopSshdAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private async Task PrepareAsync()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The SFTP tests run Debian's OpenSSH server.");
        }

        var closed = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        Directory.CreateDirectory(_root, closed);
        Directory.CreateDirectory(ChrootFolder, closed);
        Directory.CreateDirectory(LocalInbox, closed);
        if (IsRoot)
        {
            // sshd running as root checks for its privilege separation folder, which the package makes only when its service starts.
            Directory.CreateDirectory("/run/sshd", closed);
        }

        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", "host", "-f", HostKeyPath);
        HostKeyFingerprint = await FingerprintAsync(HostKeyPath + ".pub");
        var clientKey = Path.Combine(_root, "client_ed25519");
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-C", "client", "-f", clientKey);
        ClientPrivateKey = await File.ReadAllTextAsync(clientKey);
        File.Copy(clientKey + ".pub", Path.Combine(_root, "authorized_keys"));
        await File.WriteAllTextAsync(Path.Combine(_root, "sshd_config"), Config());
    }

    private string Config()
    {
        var config = new StringBuilder()
            .AppendLine("ListenAddress 127.0.0.1")
            .AppendLine(CultureInfo.InvariantCulture, $"Port {Port}")
            .AppendLine(CultureInfo.InvariantCulture, $"HostKey {HostKeyPath}")
            .AppendLine("PidFile none")
            .AppendLine("UsePAM no")

            // The key files live in a test folder, not a home directory: their modes are the test's business.
            .AppendLine("StrictModes no")
            .AppendLine(CultureInfo.InvariantCulture, $"AuthorizedKeysFile {Path.Combine(_root, "authorized_keys")}")
            .AppendLine("PubkeyAuthentication yes")
            .AppendLine("PasswordAuthentication yes")
            .AppendLine("KbdInteractiveAuthentication no")
            .AppendLine("PermitRootLogin yes")
            .AppendLine(CultureInfo.InvariantCulture, $"AllowUsers {User}")
            .AppendLine("Subsystem sftp internal-sftp")
            .AppendLine("ForceCommand internal-sftp")
            .AppendLine("LogLevel VERBOSE");
        if (_chrooted)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"ChrootDirectory {ChrootFolder}");
        }

        return config.ToString();
    }

    private async Task StartSshdAsync()
    {
        // -D stays in the foreground (so the test owns the process), -e logs to standard error, where
        // "Server listening" is the signal that the port is open.
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        var info = new ProcessStartInfo(SshdPath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-D", "-e", "-f", Path.Combine(_root, "sshd_config") })
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Server listening on 127.0.0.1", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"sshd exited at start:\n{Log(log)}"));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        (_sshd, _log) = (process, log);
        try
        {
            await listening.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"sshd did not report listening on port {Port} within {StartTimeout}:\n{Log(log)}", ex);
        }
    }

    /// <summary>What sshd logged so far, for failure messages.</summary>
    public string ServerLog => Log(_log);

    private async Task StopSshdAsync()
    {
        if (_sshd is null)
        {
            return;
        }

        if (!_sshd.HasExited)
        {
            _sshd.Kill(entireProcessTree: true);
            await _sshd.WaitForExitAsync();
        }

        _sshd.Dispose();
        _sshd = null;
    }

    private static async Task<string> FingerprintAsync(string publicKeyPath)
    {
        // "256 SHA256:base64 comment (ED25519)"
        var output = await RunAsync("ssh-keygen", "-l", "-E", "sha256", "-f", publicKeyPath);
        return output.Split(' ')[1];
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await error}");
        }

        return await output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Log(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }
}
