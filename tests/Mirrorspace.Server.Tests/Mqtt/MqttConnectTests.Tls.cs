using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Mirrorspace.Connectivity.Mqtt;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Mqtt;

/// <summary>The broker speaks TLS only, with a certificate for 127.0.0.1 that chains to the node's <c>ca.pem</c> and to nothing else.</summary>
public sealed partial class MqttConnectTests
{
    [Fact]
    public async Task Handshake_TrustingOnlyTheNodeCa_VerifiesTheBrokerForItsAddress()
    {
        using var authority = X509Certificate2.CreateFromPem(File.ReadAllText(NodeTrust.CaPath(factory)));

        Assert.True(await HandshakeAsync(authority), "The broker's certificate must name 127.0.0.1 and chain to ca.pem.");
    }

    [Fact]
    public async Task Handshake_TrustingAnotherCaOfTheSameName_Fails()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Mirrorspace node CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = TimeProvider.System.GetUtcNow();
        using var impostor = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));

        Assert.False(await HandshakeAsync(impostor), "Only the node's own CA may vouch for the broker.");
    }

    /// <summary>A bare TLS handshake with the broker, trusting <paramref name="authority"/> alone; true when it verifies.</summary>
    private async Task<bool> HandshakeAsync(X509Certificate2 authority)
    {
        var endpoint = factory.Services.GetRequiredService<MqttBroker>().TlsEndpoint!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(endpoint, TestContext.Current.CancellationToken);
        await using var tls = new SslStream(tcp.GetStream());
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = endpoint.Address.ToString(),
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { authority },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        };
        try
        {
            await tls.AuthenticateAsClientAsync(options, TestContext.Current.CancellationToken).WithinDeadlineAsync("the TLS handshake");
            return true;
        }
        catch (AuthenticationException)
        {
            return false;
        }
    }
}
