using System.Text;
using Renci.SshNet;

namespace Mirrorspace.Connectivity.Sftp.Connections;

/// <summary>Reads a private key (OpenSSH, PEM or PuTTY format, as SSH.NET supports) from its text.</summary>
internal static class PrivateKeys
{
    public static PrivateKeyFile Read(string text, string? passphrase)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return new PrivateKeyFile(stream, passphrase);
    }

    /// <summary>Whether the text is a private key SSH.NET can use with this passphrase; never says why, so nothing of the key is echoed.</summary>
    public static bool CanRead(string text, string? passphrase)
    {
        try
        {
            using var key = Read(text, passphrase);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }
}
