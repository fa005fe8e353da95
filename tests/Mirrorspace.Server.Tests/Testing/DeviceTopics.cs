namespace Mirrorspace.Server.Tests.Testing;

/// <summary>The topic tree devices are told about, spelled out here rather than taken from the product.</summary>
public static class DeviceTopics
{
    public static string Of(string twinId, string channel) => $"mirrorspace/v1/twins/{twinId}/{channel}";
}
