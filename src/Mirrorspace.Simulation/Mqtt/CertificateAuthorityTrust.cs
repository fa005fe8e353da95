using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mirrorspace.Simulation.Mqtt;

/// <summary>
/// Trusts a server certificate only if it chains to one of the given CA certificates (the node's
/// <c>ca.pem</c>), never to the system's roots, and only if it names the host that was dialled.
/// Validation is never switched off: a simulator that trusts anything would teach exactly that.
/// </summary>
public sealed class CertificateAuthorityTrust
{
    private readonly X509Certificate2Collection _authorities;

    public CertificateAuthorityTrust(X509Certificate2Collection authorities)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        if (authorities.Count == 0)
        {
            throw new ArgumentException("At least one CA certificate is needed.", nameof(authorities));
        }

        _authorities = authorities;
    }

    /// <summary>Reads every certificate in a PEM file; null with a reason when there is none or the file is unreadable.</summary>
    public static CertificateAuthorityTrust? FromPemFile(string path, out string? error)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            error = $"cannot read CA certificates from {path}: {ex.Message}";
            return null;
        }

        error = authorities.Count == 0 ? $"{path} holds no PEM certificate" : null;
        return error is null ? new CertificateAuthorityTrust(authorities) : null;
    }

    /// <param name="errors">What the TLS stack found with the system's trust; only the name and presence checks are kept from it.</param>
    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var server = certificate as X509Certificate2 is { } typed
            ? X509CertificateLoader.LoadCertificate(typed.RawData)
            : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);

        // A private node CA publishes no revocation lists; the CA itself is the pin.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }
}
