using System.Security.Cryptography;
using Mirrorspace.Security.Audit;

namespace Mirrorspace.Security.Tests.Audit;

public sealed class CheckpointTests : IDisposable
{
    private readonly ECDsa _key = AuditKeys.Create();
    private readonly ECDsa _otherKey = AuditKeys.Create();

    private Checkpoint Signed() => Checkpoint.Sign(7, MerkleTree.LeafHash([1]), MerkleTree.LeafHash([2]), AuditEntries.Epoch, _key);

    [Fact]
    public void Verify_SignedByTheKey_Succeeds()
    {
        Assert.True(Signed().Verify(_key));
    }

    [Fact]
    public void Verify_PublicKeyOnly_Succeeds()
    {
        using var publicOnly = AuditKeys.ImportPublicKeyPem(_key.ExportSubjectPublicKeyInfoPem());

        Assert.True(Signed().Verify(publicOnly));
    }

    [Fact]
    public void Verify_ForgedSignature_Fails()
    {
        var sut = Signed();
        var forged = sut.Signature.ToArray();
        forged[^1] ^= 0x01;

        Assert.False((sut with { Signature = forged }).Verify(_key));
        Assert.False((sut with { Signature = new byte[64] }).Verify(_key));
        Assert.False((sut with { Signature = [] }).Verify(_key));
    }

    [Fact]
    public void Verify_AnyFieldChanged_Fails()
    {
        var sut = Signed();

        Assert.False((sut with { TreeSize = 8 }).Verify(_key));
        Assert.False((sut with { RootHash = MerkleTree.LeafHash([3]) }).Verify(_key));
        Assert.False((sut with { ChainHead = MerkleTree.LeafHash([3]) }).Verify(_key));
        Assert.False((sut with { Timestamp = sut.Timestamp.AddTicks(1) }).Verify(_key));
    }

    [Fact]
    public void Verify_SignedByAnotherKey_Fails()
    {
        var byOther = Checkpoint.Sign(7, MerkleTree.LeafHash([1]), MerkleTree.LeafHash([2]), AuditEntries.Epoch, _otherKey);

        Assert.False(byOther.Verify(_key));
        Assert.False((byOther with { KeyId = AuditKeys.KeyId(_key) }).Verify(_key), "another key's signature under this key's id");
    }

    [Fact]
    public void SignedBody_Fields_AreSixLinesOfText()
    {
        var sut = Signed();

        Assert.Equal(
            $"mirrorspace-audit-checkpoint/v1\n7\n{Convert.ToBase64String(sut.RootHash)}\n{Convert.ToBase64String(sut.ChainHead)}\n2025-03-01T12:00:00.0000000Z\n{AuditKeys.KeyId(_key)}\n",
            sut.SignedBody);
    }

    [Fact]
    public void Signature_IsDerOverTheBody_AsOpenSslChecksIt()
    {
        var sut = Signed();

        Assert.True(_key.VerifyData(System.Text.Encoding.UTF8.GetBytes(sut.SignedBody), sut.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void ImportPublicKeyPem_OtherCurve_Throws()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.ThrowsAny<CryptographicException>(() => AuditKeys.ImportPublicKeyPem(p384.ExportSubjectPublicKeyInfoPem()));
    }

    public void Dispose()
    {
        _key.Dispose();
        _otherKey.Dispose();
    }
}
