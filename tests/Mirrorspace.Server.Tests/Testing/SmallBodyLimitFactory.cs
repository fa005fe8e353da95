using System.Globalization;
using Microsoft.AspNetCore.Hosting;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>
/// A node with a small request body limit, served by Kestrel on a free loopback port: the limit
/// is a Kestrel setting, and the in-memory test server does not enforce it.
/// </summary>
public sealed class SmallBodyLimitFactory : MirrorspaceFactory
{
    public const int MaxRequestBodyBytes = 1024;

    public SmallBodyLimitFactory() => UseKestrel(0);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mirrorspace:MaxRequestBodyBytes", MaxRequestBodyBytes.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Mirrorspace:HttpAddress", "http://127.0.0.1:0");
    }
}
