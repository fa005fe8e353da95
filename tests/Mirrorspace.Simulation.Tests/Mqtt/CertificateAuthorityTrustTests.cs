using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mirrorspace.Simulation.Mqtt;

namespace Mirrorspace.Simulation.Tests.Mqtt;

public sealed class CertificateAuthorityTrustTests : IDisposable
{
    private readonly X509Certificate2 _ca = Authority("CN=Node CA");
    private readonly X509Certificate2 _otherCa = Authority("CN=Someone else's CA");

    [Fact]
    public void Validate_ServerSignedByTheCa_IsTrusted()
    {
        using var server = ServerSignedBy(_ca);
        var sut = new CertificateAuthorityTrust([_ca]);

        // The system's trust reports a chain error for a private CA; the pinned CA overrides exactly that.
        Assert.True(sut.Validate(server, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Validate_ServerSignedByAnotherCa_IsRefused()
    {
        using var server = ServerSignedBy(_otherCa);
        var sut = new CertificateAuthorityTrust([_ca]);

        Assert.False(sut.Validate(server, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Validate_SelfSignedServer_IsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var server = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(1));
        var sut = new CertificateAuthorityTrust([_ca]);

        Assert.False(sut.Validate(server, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Theory]
    [InlineData(SslPolicyErrors.RemoteCertificateNameMismatch)]
    [InlineData(SslPolicyErrors.RemoteCertificateNotAvailable)]
    public void Validate_NameOrCertificateProblem_IsRefusedEvenFromTheCa(SslPolicyErrors errors)
    {
        using var server = ServerSignedBy(_ca);
        var sut = new CertificateAuthorityTrust([_ca]);

        Assert.False(sut.Validate(server, errors | SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void FromPemFile_FileWithoutCertificates_ExplainsWhy()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a certificate");

            var sut = CertificateAuthorityTrust.FromPemFile(path, out var error);

            Assert.Null(sut);
            Assert.Contains("no PEM certificate", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FromPemFile_CaFile_TrustsItsServers()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, _ca.ExportCertificatePem());
            using var server = ServerSignedBy(_ca);

            var sut = CertificateAuthorityTrust.FromPemFile(path, out _);

            Assert.True(sut!.Validate(server, SslPolicyErrors.RemoteCertificateChainErrors));
        }
        finally
        {
            File.Delete(path);
        }
    }

    public void Dispose()
    {
        _ca.Dispose();
        _otherCa.Dispose();
    }

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddYears(1));
    }

    private static X509Certificate2 ServerSignedBy(X509Certificate2 authority)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return request.Create(authority, TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddDays(30), [1, 2, 3, 4]);
    }
}
