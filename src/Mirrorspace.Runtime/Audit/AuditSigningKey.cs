using System.Security.Cryptography;
using System.Text;
using Mirrorspace.Security.Audit;

namespace Mirrorspace.Runtime.Audit;

/// <summary>
/// The node's checkpoint signing key: <c>audit-signing-key.pem</c> (PKCS#8, owner-only), created
/// on first use, with its public half beside it in <c>audit-signing-key.pub.pem</c> for verifiers.
/// </summary>
public static class AuditSigningKey
{
    public static ECDsa LoadOrCreate(AuditFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        Directory.CreateDirectory(files.DataDirectory);
        if (!File.Exists(files.KeyPath))
        {
            using var fresh = AuditKeys.Create();
            OwnerOnlyFile.TryCreate(files.KeyPath, Encoding.ASCII.GetBytes(fresh.ExportPkcs8PrivateKeyPem()));
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(files.KeyPath));
            if (!AuditKeys.IsP256(key))
            {
                throw new InvalidOperationException($"{files.KeyPath} is not an ECDSA P-256 key.");
            }

            EnsurePublicKey(files, key);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Reads the public key verifiers use.</summary>
    public static ECDsa LoadPublicKey(string path) => AuditKeys.ImportPublicKeyPem(File.ReadAllText(path));

    private static void EnsurePublicKey(AuditFiles files, ECDsa key)
    {
        var expected = key.ExportSubjectPublicKeyInfoPem();
        if (OwnerOnlyFile.TryCreate(files.PublicKeyPath, Encoding.ASCII.GetBytes(expected + "\n")))
        {
            return;
        }

        using var published = LoadPublicKey(files.PublicKeyPath);
        if (!published.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            throw new InvalidOperationException(
                $"{files.PublicKeyPath} is not the public half of {files.KeyPath}: one of them was replaced. Restore the right pair; never sign with an unknown key.");
        }
    }
}
