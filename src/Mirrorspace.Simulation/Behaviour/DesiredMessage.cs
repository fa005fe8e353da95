using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mirrorspace.Simulation.Behaviour;

/// <summary>What the node sends on a twin's desired topic: <c>{"version": N, "desired": {...}}</c>.</summary>
public sealed record DesiredMessage(long Version, JsonObject Desired)
{
    /// <summary>Null when the payload is not such a message (a device ignores what it cannot read).</summary>
    public static DesiredMessage? TryParse(string payload)
    {
        try
        {
            return JsonNode.Parse(payload) is JsonObject { } message
                && message["version"] is JsonValue version && version.TryGetValue<long>(out var number)
                && message["desired"] is JsonObject desired
                ? new DesiredMessage(number, (JsonObject)desired.DeepClone())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
