using System.Security.Cryptography;
using Mirrorspace.Security.Crypto;
using static Mirrorspace.Security.Tests.Crypto.Envelopes;

namespace Mirrorspace.Security.Tests.Crypto;

/// <summary>The key walk of Vault's transit tests: versions 1..N, rotate, raise and lower the minimum decryption version.</summary>
public sealed class TenantKeyRingTests : IDisposable
{
    private const int Versions = 5;

    private readonly Dictionary<int, DataKey> _keys = Enumerable.Range(1, Versions).ToDictionary(v => v, _ => DataKey.Generate());

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }

    [Fact]
    public void Encrypt_AfterEachRotation_UsesTheCurrentVersion()
    {
        for (var current = 1; current <= Versions; current++)
        {
            var sut = Ring(current, 1);

            var sealedPayload = sut.Encrypt(EventOfA, Payload());

            Assert.True(EnvelopeHeader.TryRead(sealedPayload, out var header, out _));
            Assert.Equal(current, header.KeyVersion);
        }
    }

    [Fact]
    public void Decrypt_KeyWalk_OpensExactlyTheVersionsFromTheMinimumUp()
    {
        // One record sealed under each version, as writes made between rotations would be.
        var sealedPerVersion = Enumerable.Range(1, Versions).ToDictionary(v => v, v => Ring(v, 1).Encrypt(Context(v), Payload()));

        for (var minimum = 1; minimum <= Versions; minimum++)
        {
            var sut = Ring(Versions, minimum);
            for (var version = 1; version <= Versions; version++)
            {
                if (version >= minimum)
                {
                    Assert.Equal(Payload(), sut.Decrypt(Context(version), sealedPerVersion[version]));
                }
                else
                {
                    var refused = Assert.Throws<KeyVersionRetiredException>(() => sut.Decrypt(Context(version), sealedPerVersion[version]));
                    Assert.Equal((version, minimum), (refused.Version, refused.MinimumDecryptionVersion));
                }
            }
        }

        // Lowering the minimum again makes every version readable: the keys were kept.
        var lowered = Ring(Versions, 1);
        Assert.All(sealedPerVersion, pair => Assert.Equal(Payload(), lowered.Decrypt(Context(pair.Key), pair.Value)));
    }

    [Fact]
    public void Decrypt_VersionNewerThanCurrent_ThrowsButIsNotRetired()
    {
        var newer = Ring(3, 1).Encrypt(EventOfA, Payload());
        var sut = Ring(2, 1);

        var thrown = Assert.ThrowsAny<CryptographicException>(() => sut.Decrypt(EventOfA, newer));

        Assert.IsNotType<KeyVersionRetiredException>(thrown);
    }

    [Fact]
    public void Decrypt_VersionByteRewrittenToAnotherKey_Throws()
    {
        var sealedPayload = Ring(2, 1).Encrypt(EventOfA, Payload());
        sealedPayload[5] = 1;

        Assert.ThrowsAny<CryptographicException>(() => Ring(2, 1).Decrypt(EventOfA, sealedPayload));
    }

    [Fact]
    public void Encrypt_ContextOfAnotherTenant_Throws()
    {
        var sut = Ring(1, 1);

        Assert.Throws<ArgumentException>(() => sut.Encrypt(EventOfA with { TenantId = "tenant-b" }, Payload()));
    }

    [Fact]
    public void Constructor_CurrentKeyMissing_Throws()
    {
        Assert.Throws<ArgumentException>(() => new TenantKeyRing("tenant-a", new KeyPolicy(2, 1), new Dictionary<int, DataKey> { [1] = _keys[1] }));
    }

    [Fact]
    public void KeyPolicy_MinimumAboveCurrent_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyPolicy(2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyPolicy(0, 0));
    }

    private static RecordContext Context(int version) => EventOfA with { RecordId = $"pump-1/{version}" };

    private TenantKeyRing Ring(int current, int minimum) =>
        new("tenant-a", new KeyPolicy(current, minimum), _keys.Where(k => k.Key <= current).ToDictionary());
}
