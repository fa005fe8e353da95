using System.Security.Cryptography;
using System.Text;

namespace Mirrorspace.Security.Crypto;

/// <summary>A master key in a file: one line of base64, owner-only permissions, never overwritten.</summary>
public static class MasterKeyFile
{
    /// <summary>The name <c>init</c> gives the key file inside a data directory.</summary>
    public const string DefaultFileName = "master.key";

    /// <summary>Generates a key and writes it to a new file at <paramref name="path"/>; refuses to overwrite one.</summary>
    public static MasterKey CreateNew(string path)
    {
        var key = MasterKey.Generate();
        try
        {
            Write(path, key);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="key"/> to a new file created with mode 0600 (on Unix) and flushed to
    /// disk. An existing file is never replaced: it may be the only copy of a key.
    /// </summary>
    public static void Write(string path, MasterKey key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(key);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var text = Encoding.ASCII.GetBytes(key.ExportBase64() + "\n");
        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(text);
            stream.Flush(flushToDisk: true);
        }
        catch (IOException ex) when (File.Exists(path))
        {
            throw new MasterKeyException($"A file already exists at {path}; refusing to overwrite a master key.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(text);
        }
    }

    /// <summary>Reads a key file; <see cref="MasterKeyMissingException"/> when it does not exist.</summary>
    public static MasterKey Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] text;
        try
        {
            text = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new MasterKeyMissingException($"The master key file {path} does not exist.", ex);
        }

        try
        {
            return MasterKey.FromBase64Utf8(text, $"file {path}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(text);
        }
    }

    /// <summary>Where a master key rotation puts the new key until the database is rewrapped under it.</summary>
    public static string PendingPath(string path) => path + ".next";
}
