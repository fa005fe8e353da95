namespace Mirrorspace.Security.Crypto;

/// <summary>
/// A tenant's key versions in use, after Vault's transit engine: new writes use
/// <see cref="CurrentVersion"/>; versions below <see cref="MinimumDecryptionVersion"/> refuse to
/// decrypt (their keys are kept, so lowering the minimum again makes them readable again).
/// </summary>
public sealed record KeyPolicy
{
    public KeyPolicy(int currentVersion, int minimumDecryptionVersion)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(currentVersion, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumDecryptionVersion, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumDecryptionVersion, currentVersion);
        CurrentVersion = currentVersion;
        MinimumDecryptionVersion = minimumDecryptionVersion;
    }

    public static KeyPolicy Initial { get; } = new(1, 1);

    public int CurrentVersion { get; }

    public int MinimumDecryptionVersion { get; }

    public bool AllowsDecryption(int version) => version >= MinimumDecryptionVersion && version <= CurrentVersion;
}
