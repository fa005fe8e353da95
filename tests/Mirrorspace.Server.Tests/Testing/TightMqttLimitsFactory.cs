using System.Globalization;
using Microsoft.AspNetCore.Hosting;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>A node whose broker allows few connections per tenant and queues few messages per slow client.</summary>
public sealed class TightMqttLimitsFactory : MirrorspaceFactory
{
    public const int MaxConnectionsPerTenant = 2;

    /// <summary>The smallest queue the options allow.</summary>
    public const int MaxPendingMessagesPerClient = 100;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mirrorspace:Mqtt:MaxConnectionsPerTenant", MaxConnectionsPerTenant.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Mirrorspace:Mqtt:MaxPendingMessagesPerClient", MaxPendingMessagesPerClient.ToString(CultureInfo.InvariantCulture));
    }
}
