using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>
/// An OpenID Connect issuer played by the test: its JWKS is served over real HTTP by a Kestrel on the loopback
/// interface (the one address kind a provider may name over plain http), and its tokens are signed with local
/// keys. The test decides which keys are published, and can make the JWKS fail, redirect or grow too large.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    private readonly WebApplication _server;
    private volatile IReadOnlyList<TestSigningKey> _published;
    private int _fetches;

    private TestIssuer(WebApplication server, IReadOnlyList<TestSigningKey> published)
    {
        _server = server;
        _published = published;
        Issuer = $"https://issuer-{Guid.NewGuid():N}.example/";
    }

    /// <summary>A unique issuer name per instance, so providers of different tests never share an issuer.</summary>
    public string Issuer { get; }

    public Uri JwksUri { get; private set; } = null!;

    public TestSigningKey Rsa { get; } = TestSigningKey.CreateRsa("rsa-1");

    public TestSigningKey Ec { get; } = TestSigningKey.CreateEc("ec-1");

    /// <summary>How the JWKS answers: normally, 503, a redirect to a real JWKS elsewhere, or a body past the node's size bound.</summary>
    public JwksBehaviour Behaviour { get; set; }

    /// <summary>Every request that reached the JWKS endpoint.</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        var issuer = new TestIssuer(server, []);
        issuer._published = [issuer.Rsa, issuer.Ec];
        server.MapGet("/jwks", issuer.Serve);
        server.MapGet("/elsewhere", () => Results.Text(issuer.JwksJson(), "application/json"));
        await server.StartAsync(TestContext.Current.CancellationToken);
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        issuer.JwksUri = new Uri($"{address}/jwks");
        return issuer;
    }

    /// <summary>Publishes exactly these keys from now on (a rotation drops the others).</summary>
    public void Publish(params TestSigningKey[] keys) => _published = keys;

    /// <summary>A provider document for this issuer: groups map to roles, the first matching rule wins.</summary>
    public string ProviderDocument(string audience, string algorithms = """["RS256","ES256"]""", string extra = "") => $$"""
        {"issuer":"{{Issuer}}","audience":"{{audience}}","jwksUri":"{{JwksUri}}","algorithms":{{algorithms}},"roleClaim":"groups",
         "roles":[{"value":"plant-admins","role":"admin","clearance":"personal"},
                  {"value":"plant-ops","role":"operator","clearance":"proprietary"},
                  {"value":"plant-viewers","role":"viewer","clearance":"public"}]{{extra}}}
        """;

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private IResult Serve()
    {
        Interlocked.Increment(ref _fetches);
        return Behaviour switch
        {
            JwksBehaviour.Failing => Results.StatusCode(StatusCodes.Status503ServiceUnavailable),
            JwksBehaviour.Redirecting => Results.Redirect("/elsewhere"),
            JwksBehaviour.Oversized => Results.Text(JwksJson(padding: new string(' ', 128 * 1024)), "application/json"),
            _ => Results.Text(JwksJson(), "application/json"),
        };
    }

    private string JwksJson(string padding = "") =>
        JsonSerializer.Serialize(new { keys = _published.Select(k => k.PublicJwk()).ToArray() }) + padding;
}

public enum JwksBehaviour
{
    Normal,
    Failing,
    Redirecting,
    Oversized,
}
