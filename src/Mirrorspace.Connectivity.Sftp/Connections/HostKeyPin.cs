using Renci.SshNet.Common;

namespace Mirrorspace.Connectivity.Sftp.Connections;

/// <summary>
/// Decides during key exchange, before any credential is sent, whether the server's host key is the
/// pinned one, and remembers what the server offered so a refusal can say so.
/// </summary>
internal sealed class HostKeyPin(string pinnedFingerprint)
{
    public string? OfferedFingerprint { get; private set; }

    public string? OfferedAlgorithm { get; private set; }

    /// <summary>True once a key was offered and refused.</summary>
    public bool Refused { get; private set; }

    public void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
    {
        ArgumentNullException.ThrowIfNull(e);
        OfferedFingerprint = HostKeyFingerprint.FromBase64(e.FingerPrintSHA256);
        OfferedAlgorithm = e.HostKeyName;

        // No pin, no trust: an unknown host key is refused exactly like a changed one.
        e.CanTrust = HostKeyFingerprint.IsValid(pinnedFingerprint) && string.Equals(OfferedFingerprint, pinnedFingerprint, StringComparison.Ordinal);
        Refused = !e.CanTrust;
    }
}
