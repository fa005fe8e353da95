using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mirrorspace.Domain.Common;

public static class JsonNumbers
{
    /// <summary>
    /// Reads a JSON number as a finite double. Numbers beyond double's range (e.g. 1e400) are not
    /// numbers this platform can store or compare, so they read as absent rather than throwing.
    /// </summary>
    public static bool TryGetFinite(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue json
            && json.GetValueKind() is JsonValueKind.Number
            && json.TryGetValue(out value)
            && double.IsFinite(value);
    }
}
