using System.Text.Json.Nodes;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Server.Api.Features.History;

/// <summary>A history event as the caller may see it: values of properties it may not read, and a data subject it may not know, are absent.</summary>
internal static class HistoryVisibility
{
    public static JsonNode? Filter(TwinEventKind kind, JsonNode? payload, Func<string, bool> readable, bool canSeeSubject)
    {
        if (payload is not JsonObject values)
        {
            return payload;
        }

        switch (kind)
        {
            // A patch's members are property names.
            case TwinEventKind.ReportedPatched or TwinEventKind.ReportedSuspect or TwinEventKind.DesiredPatched:
                foreach (var name in values.Select(p => p.Key).Where(name => !readable(name)).ToList())
                {
                    values.Remove(name);
                }

                break;
            case TwinEventKind.Created when !canSeeSubject:
                values.Remove("subject");
                break;
        }

        return values;
    }
}
