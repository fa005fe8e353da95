namespace Mirrorspace.LoadTool;

/// <summary>Which MQTT client the load devices use.</summary>
internal enum LoadClient
{
    /// <summary>Packets written straight onto TLS (<c>Wire/WireDevice.cs</c>): the generator's cost kept small.</summary>
    Wire,

    /// <summary>The devices of <c>mirrorspace simulate</c>, on MQTTnet's client, as the first runs used.</summary>
    Simulator,
}
