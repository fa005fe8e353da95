namespace Mirrorspace.Simulation.Mqtt;

/// <summary>
/// A device's credential and its twin. The device id is both the MQTT user name and the client id; the
/// secret is the password.
/// </summary>
public sealed record DeviceIdentity(string DeviceId, string Secret, string TwinId)
{
    public string ReportedTopic => Topic("reported");

    public string DesiredTopic => Topic("desired");

    public string CommandsTopic => Topic("commands");

    // Kept here rather than shared with the broker's code: this is the contract as a device sees it.
    private string Topic(string channel) => $"mirrorspace/v1/twins/{TwinId}/{channel}";

    // The secret stays out of logs and exception messages that print records.
    public override string ToString() => $"{DeviceId} (twin {TwinId})";
}
