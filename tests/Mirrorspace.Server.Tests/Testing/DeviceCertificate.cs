using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>A self-issued client certificate as a device would make one: the certificate with its key, and its PEM to register.</summary>
public sealed class DeviceCertificate : IDisposable
{
    private DeviceCertificate(X509Certificate2 certificate) => Certificate = certificate;

    public X509Certificate2 Certificate { get; }

    public string Pem => Certificate.ExportCertificatePem();

    /// <summary>SHA-256 of the DER certificate in lower-case hex, computed here rather than by the product.</summary>
    public string Sha256Thumbprint => Convert.ToHexStringLower(SHA256.HashData(Certificate.RawData));

    public static DeviceCertificate Create(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        var now = TimeProvider.System.GetUtcNow();
        using var selfSigned = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        // Through PKCS#12 so the private key is usable for the TLS handshake.
        return new DeviceCertificate(X509CertificateLoader.LoadPkcs12(selfSigned.Export(X509ContentType.Pkcs12), password: null));
    }

    public void Dispose() => Certificate.Dispose();
}
