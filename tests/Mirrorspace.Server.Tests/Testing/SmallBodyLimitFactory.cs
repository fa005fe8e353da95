using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>
/// A node with a 1 KiB request body limit, served by Kestrel on a free loopback port: the limit is
/// a Kestrel setting read while the app is built, and the in-memory test server does not enforce it.
/// </summary>
public sealed class SmallBodyLimitFactory : MirrorspaceFactory
{
    public const int MaxRequestBodyBytes = 1024;

    public SmallBodyLimitFactory() => UseKestrel(0);

    /// <summary>Only the YAML sample fits in 1 KiB.</summary>
    protected override IReadOnlyList<string> SampleModelFiles => ["reservoir-level-sensor.yaml"];

    protected override Uri BaseAddress =>
        new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mirrorspace:MaxRequestBodyBytes", MaxRequestBodyBytes.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Mirrorspace:HttpAddress", "http://127.0.0.1:0");
    }
}
