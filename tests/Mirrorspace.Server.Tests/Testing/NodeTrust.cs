using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>
/// Checks the broker's certificate as a device holding only the node's <c>ca.pem</c> does: issued for
/// the address dialled, and chained to that CA alone (not to any system root).
/// </summary>
public sealed class NodeTrust(X509Certificate2 authority) : IDisposable
{
    public static NodeTrust Of(MirrorspaceFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new NodeTrust(X509Certificate2.CreateFromPem(File.ReadAllText(CaPath(factory))));
    }

    public static string CaPath(MirrorspaceFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return Path.Combine(factory.DataDirectory, "ca.pem");
    }

    public bool Validate(MqttClientCertificateValidationEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Certificate is null || (args.SslPolicyErrors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = X509CertificateLoader.LoadCertificate(args.Certificate.GetRawCertData());
        return chain.Build(presented);
    }

    public void Dispose() => authority.Dispose();
}
