using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests;

public class Probe(MirrorspaceFactory factory, ITestOutputHelper output) : IClassFixture<MirrorspaceFactory>
{
    [Fact]
    public async Task Explore()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var tenant = await factory.SharedTenantAsync();
        output.WriteLine($"start {sw.ElapsedMilliseconds} ms; files: {string.Join(",", Directory.GetFiles(factory.DataDirectory))}");
        using var client = factory.CreateClient(tenant.AdminKey);
        using var anon = factory.CreateAnonymousClient();
        foreach (var (c, path) in new[] { (anon, "/health"), (anon, "/scalar"), (client, "/scalar"), (client, "/scalar/"), (client, "/scalar/v1"), (client, "/openapi/v1.json"), (client, "/nope"), (anon, "/nope"), (client, "/api/v1/twins/x?at=notadate"), (client, "/api/v1/twins?limit=abc") })
        {
            using var r = await c.GetPathAsync(path);
            var body = await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            output.WriteLine($"{path}: {(int)r.StatusCode} {r.Content.Headers.ContentType} {r.Headers.Location} {r.Headers.WwwAuthenticate} :: {body[..Math.Min(300, body.Length)]}");
        }

        var big = new string('x', 2_000_000);
        using var twin = await client.PutTwinAsync("p1", "centrifugal-pump");
        output.WriteLine($"{(int)twin.StatusCode} {twin.Headers.ETag} {await twin.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        using var r2 = await client.PatchReportedAsync("p1", $$"""{"serialNumber":"{{big}}"}""");
        output.WriteLine($"big: {(int)r2.StatusCode} {(await r2.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))[..200]}");
        output.WriteLine($"total {sw.ElapsedMilliseconds} ms");
    }
}
