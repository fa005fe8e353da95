namespace Mirrorspace.Runtime.Audit;

/// <summary>Where the audit log keeps its files in the node's data directory.</summary>
public sealed record AuditFiles(string DataDirectory)
{
    public const string DatabaseFileName = "audit.db";
    public const string KeyFileName = "audit-signing-key.pem";
    public const string PublicKeyFileName = "audit-signing-key.pub.pem";
    public const string HeadFileName = "audit-head.json";

    public string DatabasePath => Path.Combine(DataDirectory, DatabaseFileName);

    /// <summary>The private key, PKCS#8 PEM, owner-only.</summary>
    public string KeyPath => Path.Combine(DataDirectory, KeyFileName);

    /// <summary>The public key, SubjectPublicKeyInfo PEM: what verifiers need.</summary>
    public string PublicKeyPath => Path.Combine(DataDirectory, PublicKeyFileName);

    /// <summary>The latest signed head, outside audit.db; see <see cref="AuditHeadFile"/>.</summary>
    public string HeadPath => Path.Combine(DataDirectory, HeadFileName);
}
