using Microsoft.AspNetCore.Hosting;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>A node with extra settings, for tests that start (or fail to start) a node of their own.</summary>
public sealed class ConfiguredFactory(IReadOnlyDictionary<string, string> settings) : MirrorspaceFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
