using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mirrorspace.Simulation.Devices;

/// <summary>What the node sends on a twin's commands topic: <c>{"commandId": ..., "name": ..., "arguments": {...}}</c>.</summary>
public sealed record CommandMessage(string CommandId, string Name, JsonObject Arguments)
{
    public static CommandMessage? TryParse(string payload)
    {
        try
        {
            return JsonNode.Parse(payload) is JsonObject message
                && message["commandId"] is JsonValue id && id.TryGetValue<string>(out var commandId)
                && message["name"] is JsonValue name && name.TryGetValue<string>(out var commandName)
                ? new CommandMessage(commandId, commandName, message["arguments"] is JsonObject arguments ? (JsonObject)arguments.DeepClone() : [])
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
