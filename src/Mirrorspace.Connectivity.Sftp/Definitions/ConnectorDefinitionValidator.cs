using System.Text.RegularExpressions;
using System.Xml;
using Mirrorspace.Connectivity.Sftp.Connections;
using Mirrorspace.Storage.Connectors;

namespace Mirrorspace.Connectivity.Sftp.Definitions;

/// <summary>
/// Turns a definition into a connector record and its credentials, or lists every problem. A host
/// key fingerprint is required: an unpinned connector would have to trust whatever key answers.
/// </summary>
public static partial class ConnectorDefinitionValidator
{
    public const int DefaultPort = 22;
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaximumInterval = TimeSpan.FromDays(7);
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    public static bool IsValidConnectorId(string? value) => value is not null && ConnectorIdPattern().IsMatch(value);

    /// <param name="existing">The stored connector being replaced, or null for a new one: without new credentials, its stored ones stay.</param>
    public static (ConnectorRecord? Record, ConnectorCredentials? Credentials, IReadOnlyList<DefinitionError> Errors) Validate(
        string tenantId, string connectorId, ConnectorDefinition definition, ConnectorRecord? existing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DefinitionError>();
        void Fail(string path, string message) => errors.Add(new DefinitionError(path, message));

        if (!IsValidConnectorId(connectorId))
        {
            Fail("$.id", "A connector id is 1-63 lowercase letters, digits and '-', starting with a letter or digit.");
        }

        if (definition.Host is not { } host || !HostPattern().IsMatch(host))
        {
            Fail("$.host", "host must be a host name or an IP address.");
        }

        var port = definition.Port ?? DefaultPort;
        if (port is < 1 or > 65_535)
        {
            Fail("$.port", "port must be between 1 and 65535.");
        }

        if (definition.User is not { Length: > 0 and <= 64 } user || user.Any(char.IsControl) || user.Contains(' ', StringComparison.Ordinal))
        {
            Fail("$.user", "user must be 1-64 characters without spaces.");
        }

        var credentials = Credentials(definition, existing, Fail);

        if (!HostKeyFingerprint.IsValid(definition.HostKeyFingerprint))
        {
            Fail("$.hostKeyFingerprint", "hostKeyFingerprint must be the server's host key as 'ssh-keygen -lf' prints it: SHA256: and 43 base64 characters.");
        }

        if (definition.RemoteFolder is not { Length: > 0 and <= 1024 } folder || folder.Any(char.IsControl) || folder.Split('/').Contains(".."))
        {
            Fail("$.remoteFolder", "remoteFolder must be a path of at most 1024 characters without '..'.");
        }

        if (!FileNamePattern.IsValid(definition.FilePattern))
        {
            Fail("$.filePattern", "filePattern must be a file name glob (* and ?) without '/'.");
        }

        var format = definition.Format switch
        {
            "csv" => BatchFormat.Csv,
            "jsonl" => BatchFormat.JsonLines,
            _ => (BatchFormat?)null,
        };
        if (format is null)
        {
            Fail("$.format", "format must be 'csv' or 'jsonl'.");
        }

        var interval = Interval(definition.Interval, Fail);
        var processed = definition.Processed switch
        {
            null or "move" => ProcessedFileHandling.Move,
            "keep" => ProcessedFileHandling.Keep,
            _ => (ProcessedFileHandling?)null,
        };
        if (processed is null)
        {
            Fail("$.processed", "processed must be 'move' or 'keep'.");
        }

        if (errors.Count > 0)
        {
            return (null, null, errors);
        }

        var record = new ConnectorRecord
        {
            TenantId = tenantId,
            ConnectorId = connectorId,
            Host = definition.Host!,
            Port = port,
            User = definition.User!,
            AuthKind = credentials?.Kind ?? existing!.AuthKind,
            HostKeyFingerprint = definition.HostKeyFingerprint!,
            RemoteFolder = definition.RemoteFolder!,
            FilePattern = definition.FilePattern!,
            Format = format!.Value,
            Interval = interval,
            Processed = processed!.Value,
            Enabled = definition.Enabled ?? true,
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
        };
        return (record, credentials, errors);
    }

    private static ConnectorCredentials? Credentials(ConnectorDefinition definition, ConnectorRecord? existing, Action<string, string> fail)
    {
        switch (definition)
        {
            case { Password: not null, PrivateKey: not null }:
                fail("$.password", "Give either password or privateKey, not both.");
                return null;
            case { Password: { } password }:
                if (password.Length is 0 or > 1024)
                {
                    fail("$.password", "password must be 1-1024 characters.");
                }

                if (definition.Passphrase is not null)
                {
                    fail("$.passphrase", "passphrase goes with privateKey only.");
                }

                return ConnectorCredentials.WithPassword(password);
            case { PrivateKey: { } key }:
                if (key.Length > 16 * 1024 || !PrivateKeys.CanRead(key, definition.Passphrase))
                {
                    fail("$.privateKey", "privateKey must be an unencrypted private key in OpenSSH, PEM or PuTTY format, or an encrypted one with its passphrase.");
                }

                return ConnectorCredentials.WithPrivateKey(key, definition.Passphrase);
            default:
                if (existing is null)
                {
                    fail("$.password", "A new connector needs a password or a privateKey.");
                }

                return null;
        }
    }

    private static TimeSpan Interval(string? text, Action<string, string> fail)
    {
        if (text is null)
        {
            return DefaultInterval;
        }

        try
        {
            var interval = XmlConvert.ToTimeSpan(text);
            if (interval >= MinimumInterval && interval <= MaximumInterval)
            {
                return interval;
            }
        }
        catch (FormatException)
        {
            // Reported below, with the accepted range.
        }
        catch (OverflowException)
        {
            // Reported below, with the accepted range.
        }

        fail("$.interval", "interval must be an ISO 8601 duration from PT10S to P7D, e.g. PT5M.");
        return DefaultInterval;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex ConnectorIdPattern();

    // A DNS name, an IPv4 address or a bare IPv6 address; no scheme, port, path or spaces.
    [GeneratedRegex(@"^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|[0-9A-Fa-f:.]{2,45})$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}
