namespace Mirrorspace.Server.Tests.Testing;

/// <summary>A device as registered through the API: its id, its twin, and its secret (null for a certificate device).</summary>
public sealed record RegisteredDevice(string DeviceId, string TwinId, string? Secret)
{
    /// <summary>The one topic the device may publish to.</summary>
    public string Reported => DeviceTopics.Of(TwinId, "reported");

    public string Desired => DeviceTopics.Of(TwinId, "desired");

    public string Commands => DeviceTopics.Of(TwinId, "commands");
}
