using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Mirrorspace.Security.Tls;

namespace Mirrorspace.Security.Tests.Tls;

/// <summary>
/// The node's TLS identity: a private CA in ca.pem, and a server certificate for the node's names that
/// chains to it, with its key readable by the owner alone. The CA's key is never written down.
/// </summary>
public sealed class NodeCertificatesTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("mirrorspace-tls-").FullName;
    private readonly FakeTimeProvider _clock = new(Now);

    private string CaPath => Path.Combine(_directory, NodeCertificates.CaFileName);

    private string CertificatePath => Path.Combine(_directory, NodeCertificates.CertificateFileName);

    private string KeyPath => Path.Combine(_directory, NodeCertificates.KeyFileName);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void EnsureCreated_NodeCertificate_ChainsToCaPemAlone()
    {
        NodeCertificates.EnsureCreated(_directory, _clock);

        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(CaPath));
        using var node = NodeCertificates.Load(CertificatePath, KeyPath);
        using var chain = Chain(ca);
        Assert.True(chain.Build(node), "The node certificate must chain to ca.pem.");
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.False(node.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Contains(node.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
    }

    [Fact]
    public void EnsureCreated_NodeCertificate_DoesNotChainToAnotherCaOfTheSameName()
    {
        NodeCertificates.EnsureCreated(_directory, _clock);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Mirrorspace node CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        using var impostor = request.CreateSelfSigned(Now.AddDays(-1), Now.AddYears(1));

        using var node = NodeCertificates.Load(CertificatePath, KeyPath);

        using var chain = Chain(impostor);
        Assert.False(chain.Build(node));
    }

    [Fact]
    public void EnsureCreated_NodeCertificate_NamesLocalhostTheHostAndBothLoopbackAddresses()
    {
        NodeCertificates.EnsureCreated(_directory, _clock, ["mirrorspace.example"]);

        using var node = NodeCertificates.Load(CertificatePath, KeyPath);
        var names = node.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();

        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Contains(Dns.GetHostName(), names.EnumerateDnsNames());
        Assert.Contains("mirrorspace.example", names.EnumerateDnsNames());
        Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
        Assert.Contains(IPAddress.IPv6Loopback, names.EnumerateIPAddresses());
        Assert.True(node.MatchesHostname("127.0.0.1"));
        Assert.True(node.MatchesHostname("localhost"));
        Assert.False(node.MatchesHostname("example.org"));
    }

    [Fact]
    public void EnsureCreated_Validity_StartsJustBeforeTheClockAndLastsTwoYears()
    {
        NodeCertificates.EnsureCreated(_directory, _clock);

        using var node = NodeCertificates.Load(CertificatePath, KeyPath);

        Assert.Equal(Now.AddMinutes(-5).UtcDateTime, node.NotBefore.ToUniversalTime());
        Assert.Equal(Now.AddYears(2).UtcDateTime, node.NotAfter.ToUniversalTime());
    }

    [Fact]
    public void EnsureCreated_Key_IsReadableByTheOwnerAloneAndMatchesTheCertificate()
    {
        NodeCertificates.EnsureCreated(_directory, _clock);

        using var node = NodeCertificates.Load(CertificatePath, KeyPath);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        }

        Assert.True(node.HasPrivateKey);
        using var key = node.GetECDsaPrivateKey()!;
        var signature = key.SignData("proof"u8, HashAlgorithmName.SHA256);
        using var published = X509Certificate2.CreateFromPem(File.ReadAllText(CertificatePath));
        Assert.True(published.GetECDsaPublicKey()!.VerifyData("proof"u8, signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void EnsureCreated_CaKey_IsWrittenNowhere()
    {
        NodeCertificates.EnsureCreated(_directory, _clock);

        Assert.Equal(
            [NodeCertificates.CaFileName, NodeCertificates.KeyFileName, NodeCertificates.CertificateFileName],
            Directory.EnumerateFiles(_directory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(CaPath), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(CertificatePath), StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureCreated_Twice_KeepsTheFirstIdentity()
    {
        NodeCertificates.EnsureCreated(_directory, _clock);
        var first = (File.ReadAllBytes(CaPath), File.ReadAllBytes(CertificatePath), File.ReadAllBytes(KeyPath));

        NodeCertificates.EnsureCreated(_directory, _clock);

        Assert.Equal(first.Item1, File.ReadAllBytes(CaPath));
        Assert.Equal(first.Item2, File.ReadAllBytes(CertificatePath));
        Assert.Equal(first.Item3, File.ReadAllBytes(KeyPath));
    }

    /// <summary>A chain that trusts <paramref name="root"/> and nothing else, checked at the fake clock's time.</summary>
    private X509Chain Chain(X509Certificate2 root)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _clock.GetUtcNow().AddDays(1).UtcDateTime;
        return chain;
    }
}
