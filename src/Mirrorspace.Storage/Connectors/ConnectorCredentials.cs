namespace Mirrorspace.Storage.Connectors;

/// <summary>
/// How a connector logs in: a password, or a private key (PEM or OpenSSH format) with its optional
/// passphrase. Exactly one of <see cref="Password"/> and <see cref="PrivateKey"/> is set. The whole
/// record is sealed as one value, and <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed record ConnectorCredentials
{
    public string? Password { get; init; }

    public string? PrivateKey { get; init; }

    public string? Passphrase { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public ConnectorAuthKind Kind => PrivateKey is not null ? ConnectorAuthKind.PrivateKey : ConnectorAuthKind.Password;

    public static ConnectorCredentials WithPassword(string password) => new() { Password = password };

    public static ConnectorCredentials WithPrivateKey(string privateKey, string? passphrase) => new() { PrivateKey = privateKey, Passphrase = passphrase };

    public override string ToString() => $"ConnectorCredentials {{ Kind = {Kind}, secrets redacted }}";
}
