namespace Mirrorspace.Security.Crypto;

/// <summary>
/// Where the master key comes from, tried in order: a file (a key file created by <c>init</c>, or a
/// mounted secret), then a base64 value (an environment variable or secret store). Printing a
/// source never prints the value.
/// </summary>
public sealed class MasterKeySource
{
    public const string FileVariable = "MIRRORSPACE_MASTER_KEY_FILE";
    public const string ValueVariable = "MIRRORSPACE_MASTER_KEY";

    public string? FilePath { get; init; }

    public string? Base64Value { get; init; }

    /// <summary>
    /// <c>MIRRORSPACE_MASTER_KEY_FILE</c>, else <c>MIRRORSPACE_MASTER_KEY</c>; when neither is set,
    /// <paramref name="defaultFilePath"/> (typically <c>master.key</c> in the data directory).
    /// </summary>
    public static MasterKeySource FromEnvironment(string? defaultFilePath = null)
    {
        var file = Environment.GetEnvironmentVariable(FileVariable);
        var value = Environment.GetEnvironmentVariable(ValueVariable);
        return new MasterKeySource
        {
            FilePath = !string.IsNullOrWhiteSpace(file) ? file : string.IsNullOrWhiteSpace(value) ? defaultFilePath : null,
            Base64Value = string.IsNullOrWhiteSpace(value) ? null : value,
        };
    }

    /// <summary>The key; <see cref="MasterKeyMissingException"/> when there is none, <see cref="MasterKeyException"/> when malformed.</summary>
    public MasterKey Load()
    {
        if (!string.IsNullOrWhiteSpace(FilePath))
        {
            return MasterKeyFile.Read(FilePath);
        }

        if (!string.IsNullOrWhiteSpace(Base64Value))
        {
            return MasterKey.FromBase64(Base64Value);
        }

        throw new MasterKeyMissingException(
            $"No master key: set {FileVariable} to a key file, or {ValueVariable} to the key in base64, "
            + $"or keep the {MasterKeyFile.DefaultFileName} that init created in the data directory.");
    }

    public override string ToString() =>
        !string.IsNullOrWhiteSpace(FilePath) ? $"file {FilePath}"
        : !string.IsNullOrWhiteSpace(Base64Value) ? "base64 value (redacted)"
        : "none";
}
