using System.Xml;
using Mirrorspace.Storage.Connectors;

namespace Mirrorspace.Server.Api.Features.Connectors;

internal static class ConnectorMapping
{
    public static ConnectorDto ToDto(ConnectorRecord c) => new(
        c.ConnectorId,
        c.Host,
        c.Port,
        c.User,
        c.AuthKind is ConnectorAuthKind.PrivateKey ? "privateKey" : "password",
        c.HostKeyFingerprint,
        c.RemoteFolder,
        c.FilePattern,
        c.Format is BatchFormat.JsonLines ? "jsonl" : "csv",
        XmlConvert.ToString(c.Interval),
        c.Processed is ProcessedFileHandling.Keep ? "keep" : "move",
        c.Enabled,
        c.CreatedAt,
        c.UpdatedAt);
}
