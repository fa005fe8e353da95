namespace Mirrorspace.Server.Api.Features.Connectors;

/// <summary>A connector as the API shows it: every setting, which kind of credential it holds, never the credential.</summary>
public sealed record ConnectorDto(
    string Id,
    string Host,
    int Port,
    string User,
    string Auth,
    string HostKeyFingerprint,
    string RemoteFolder,
    string FilePattern,
    string Format,
    string Interval,
    string Processed,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
