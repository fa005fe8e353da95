namespace Mirrorspace.Server.Hosting;

/// <summary>The on-disk layout of a node's data directory.</summary>
public static class DataDirectory
{
    public const string DatabaseFileName = "mirrorspace.db";
    public const string SettingsFileName = "appsettings.json";

    public const string LockFileName = "node.lock";

    /// <summary>
    /// Takes the data directory for this process alone: a running node holds it, so offline tools
    /// (key rotation) cannot change keys under it. The lock ends with the process, even on a crash.
    /// </summary>
    public static IDisposable? TryLock(string path)
    {
        try
        {
            return new FileStream(Path.Combine(path, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static bool IsInitialized(string path) => File.Exists(Path.Combine(path, DatabaseFileName));

    /// <summary>Creates the directory readable by its owner only, and a settings file to edit.</summary>
    public static void Create(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var settings = Path.Combine(path, SettingsFileName);
        if (!File.Exists(settings))
        {
            File.WriteAllText(settings, """
                {
                  "Mirrorspace": {
                    "HttpAddress": "http://127.0.0.1:8080",
                    "MaxRequestBodyBytes": 1048576
                  }
                }

                """);
        }
    }
}
