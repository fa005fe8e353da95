namespace Mirrorspace.Storage.Sqlite;

internal static class DatabaseFile
{
    /// <summary>
    /// Creates the file before SQLite does so it never exists with looser permissions: it holds
    /// every tenant's data and API key hashes. SQLite gives its -wal and -shm files the same mode.
    /// </summary>
    public static void EnsureExists(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another opener created it first; it applied the same permissions.
        }
    }
}
