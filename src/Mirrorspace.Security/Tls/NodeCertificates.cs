using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mirrorspace.Security.Tls;

/// <summary>
/// The node's own TLS identity: a private CA (whose certificate clients pin with <c>--cafile</c>) and
/// a server certificate it signs for the node's names. The CA's private key is not kept: nothing
/// else is ever signed with it, so a stolen data directory cannot mint a trusted certificate.
/// </summary>
public static class NodeCertificates
{
    public const string CaFileName = "ca.pem";
    public const string CertificateFileName = "node.pem";
    public const string KeyFileName = "node.key";

    /// <summary>Writes <c>ca.pem</c>, <c>node.pem</c> and <c>node.key</c> (owner-only) into <paramref name="directory"/> unless they exist.</summary>
    public static void EnsureCreated(string directory, TimeProvider clock, IEnumerable<string>? extraDnsNames = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var certificatePath = Path.Combine(directory, CertificateFileName);
        if (File.Exists(certificatePath))
        {
            return;
        }

        var now = clock.GetUtcNow();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Mirrorspace node CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));

        using var nodeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var nodeRequest = new CertificateRequest("CN=" + Dns.GetHostName(), nodeKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in new[] { "localhost", Dns.GetHostName() }.Concat(extraDnsNames ?? []).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            names.AddDnsName(name);
        }

        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        nodeRequest.CertificateExtensions.Add(names.Build());
        nodeRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        nodeRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        nodeRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        nodeRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var node = nodeRequest.Create(ca, now.AddMinutes(-5), now.AddYears(2), serial);

        WriteOwnerOnly(Path.Combine(directory, KeyFileName), nodeKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(directory, CaFileName), ca.ExportCertificatePem() + "\n");
        File.WriteAllText(certificatePath, node.ExportCertificatePem() + "\n" + ca.ExportCertificatePem() + "\n");
    }

    /// <summary>Loads a PEM certificate (chain) and its private key, as generated above or supplied by the operator.</summary>
    public static X509Certificate2 Load(string certificatePath, string keyPath)
    {
        using var fromPem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), password: null);
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
