namespace Mirrorspace.Server.Hosting;

/// <summary>The on-disk layout of a node's data directory.</summary>
public static class DataDirectory
{
    public const string DatabaseFileName = "mirrorspace.db";
    public const string SettingsFileName = "appsettings.json";

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
