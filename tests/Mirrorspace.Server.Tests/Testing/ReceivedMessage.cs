using System.Text.Json.Nodes;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>A message the broker delivered to a test client.</summary>
public sealed record ReceivedMessage(string Topic, string Payload)
{
    public JsonObject Json => Assert.IsType<JsonObject>(JsonNode.Parse(Payload));
}
