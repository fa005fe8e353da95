using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests;

public class Probe2(SmallBodyLimitFactory factory, ITestOutputHelper output) : IClassFixture<SmallBodyLimitFactory>
{
    [Fact]
    public async Task Explore()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var tenant = await factory.SharedTenantAsync();
        output.WriteLine($"start {sw.ElapsedMilliseconds} ms");
        using var client = factory.CreateClient(tenant.AdminKey);
        output.WriteLine($"base {client.BaseAddress}");
        var big = new string('x', 1100);
        using var twin = await client.PutTwinAsync("p1", "centrifugal-pump");
        output.WriteLine($"{(int)twin.StatusCode}");
        using var r2 = await client.PatchReportedAsync("p1", $$"""{"serialNumber":"{{big}}"}""");
        output.WriteLine($"big: {(int)r2.StatusCode} {r2.Content.Headers.ContentType} {await r2.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        output.WriteLine($"total {sw.ElapsedMilliseconds} ms");
    }
}
