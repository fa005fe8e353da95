namespace Mirrorspace.Runtime.Audit;

/// <summary>Writes files that never exist, even for a moment, with looser permissions than owner read/write.</summary>
internal static class OwnerOnlyFile
{
    /// <summary>Creates <paramref name="path"/>; false when it already exists.</summary>
    public static bool TryCreate(string path, ReadOnlySpan<byte> content)
    {
        try
        {
            using var stream = new FileStream(path, Options(FileMode.CreateNew));
            stream.Write(content);
            stream.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>Replaces <paramref name="path"/> atomically: readers see the old content or the new, never a mix.</summary>
    public static void Replace(string path, ReadOnlySpan<byte> content)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, Options(FileMode.Create)))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static FileStreamOptions Options(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }
}
