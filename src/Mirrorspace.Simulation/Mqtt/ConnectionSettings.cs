namespace Mirrorspace.Simulation.Mqtt;

/// <summary>Where and how simulated devices connect.</summary>
public sealed record ConnectionSettings
{
    public required BrokerAddress Broker { get; init; }

    /// <summary>The CA the broker's certificate must chain to; null trusts the system's roots (a node with a public certificate).</summary>
    public CertificateAuthorityTrust? Trust { get; init; }

    /// <summary>How long a connect, subscribe or publish may wait for its answer before it counts as lost.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between reconnect attempts (the wait doubles from one second up to this).</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);
}
