using System.Text.RegularExpressions;

namespace Mirrorspace.Connectivity.Sftp.Connections;

/// <summary>
/// A host key fingerprint as OpenSSH prints it (<c>ssh-keygen -lf key.pub</c>, <c>ssh-keyscan</c>
/// piped to it): <c>SHA256:</c> and the unpadded base64 of the SHA-256 of the key blob, 43 characters.
/// </summary>
internal static partial class HostKeyFingerprint
{
    public const string Prefix = "SHA256:";

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>The fingerprint in OpenSSH form from SSH.NET's bare base64.</summary>
    public static string FromBase64(string unpaddedBase64) => Prefix + unpaddedBase64;

    // 32 bytes in unpadded base64 are 43 characters, the last one of only 16 possible (its low bits are zero).
    [GeneratedRegex("^SHA256:[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
