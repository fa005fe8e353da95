using System.Security.Cryptography.X509Certificates;
using Mirrorspace.Security.Tls;

namespace Mirrorspace.Server.Hosting;

/// <summary>The node's TLS certificate in its data directory, shared by HTTPS and MQTT.</summary>
public static class NodeTls
{
    /// <summary>Made by <c>init</c>; made here too for data directories from before the node spoke TLS.</summary>
    public static void EnsureCreated(string dataDirectory, TimeProvider clock) => NodeCertificates.EnsureCreated(dataDirectory, clock);

    public static X509Certificate2 Load(string dataDirectory) => NodeCertificates.Load(
        Path.Combine(dataDirectory, NodeCertificates.CertificateFileName),
        Path.Combine(dataDirectory, NodeCertificates.KeyFileName));
}
