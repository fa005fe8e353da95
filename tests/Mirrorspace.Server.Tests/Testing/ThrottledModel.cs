using System.Globalization;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>A model whose sync contract allows a given message rate, with one numeric property <c>level</c> (0 to 10).</summary>
public static class ThrottledModel
{
    public static string Json(string id, double maxMessagesPerSecond) => $$"""
        {
          "id": "{{id}}",
          "version": 1,
          "displayName": "Throttled sensor",
          "sync": { "maxMessagesPerSecond": {{maxMessagesPerSecond.ToString(CultureInfo.InvariantCulture)}} },
          "properties": [ { "name": "level", "type": "number", "minimum": 0, "maximum": 10 } ]
        }
        """;
}
