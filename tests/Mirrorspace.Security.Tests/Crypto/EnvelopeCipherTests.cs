using System.Buffers.Binary;
using System.Security.Cryptography;
using Mirrorspace.Security.Crypto;
using static Mirrorspace.Security.Tests.Crypto.Envelopes;

namespace Mirrorspace.Security.Tests.Crypto;

public sealed class EnvelopeCipherTests : IDisposable
{
    private readonly DataKey _key = DataKey.Generate();

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Decrypt_SameKeyAndContext_ReturnsPlaintext()
    {
        var sealedPayload = EnvelopeCipher.Encrypt(_key, EnvelopeHeader.ForTenantKey(3), EventOfA, Payload());

        var opened = EnvelopeCipher.Decrypt(_key, sealedPayload, EventOfA);

        Assert.Equal(Payload(), opened);
    }

    [Fact]
    public void Encrypt_EmptyPlaintext_RoundTrips()
    {
        var sealedPayload = EnvelopeCipher.Encrypt(_key, EnvelopeHeader.ForTenantKey(1), EventOfA, []);

        Assert.Empty(EnvelopeCipher.Decrypt(_key, sealedPayload, EventOfA));
    }

    [Fact]
    public void Encrypt_TenantKey_WritesDocumentedLayout()
    {
        var plaintext = Payload(40);

        var sealedPayload = EnvelopeCipher.Encrypt(_key, EnvelopeHeader.ForTenantKey(258), EventOfA, plaintext);

        Assert.Equal(EnvelopeCipher.FormatVersion, sealedPayload[0]);
        Assert.Equal((byte)KeyKind.Tenant, sealedPayload[1]);
        Assert.Equal(258, BinaryPrimitives.ReadInt32BigEndian(sealedPayload.AsSpan(2)));
        Assert.Equal(6 + 12 + plaintext.Length + 16, sealedPayload.Length);
        Assert.False(sealedPayload.AsSpan(18, plaintext.Length).SequenceEqual(plaintext));
    }

    [Fact]
    public void Encrypt_SubjectKey_HeaderNamesTheSubject()
    {
        var sealedPayload = EnvelopeCipher.Encrypt(_key, EnvelopeHeader.ForSubjectKey("patient-17"), EventOfA, Payload());

        Assert.True(EnvelopeHeader.TryRead(sealedPayload, out var header, out _));
        Assert.Equal(KeyKind.Subject, header.Kind);
        Assert.Equal("patient-17", header.SubjectId);
        Assert.Equal(Payload(), EnvelopeCipher.Decrypt(_key, sealedPayload, EventOfA));
    }

    [Fact]
    public void Encrypt_SamePlaintextTwice_UsesFreshNonces()
    {
        var first = EnvelopeCipher.Encrypt(_key, EnvelopeHeader.ForTenantKey(1), EventOfA, Payload());
        var second = EnvelopeCipher.Encrypt(_key, EnvelopeHeader.ForTenantKey(1), EventOfA, Payload());

        Assert.False(first.AsSpan(6, 12).SequenceEqual(second.AsSpan(6, 12)));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Encrypt_ManyRecordsOnOneThread_NeverRepeatsANonce()
    {
        // Crosses many refills of the per-thread nonce buffer (341 nonces per 4 KiB).
        var nonces = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 5_000; i++)
        {
            var sealedPayload = EnvelopeCipher.Encrypt(_key, EnvelopeHeader.ForTenantKey(1), EventOfA, Payload(1));

            Assert.True(nonces.Add(Convert.ToHexString(sealedPayload, 6, 12)), $"nonce repeated at record {i}");
        }
    }

    [Fact]
    public void Decrypt_OtherTenant_Throws()
    {
        var sealedPayload = EnvelopeCipher.Encrypt(_key, EnvelopeHeader.ForTenantKey(1), EventOfA, Payload());

        Assert.ThrowsAny<CryptographicException>(() => EnvelopeCipher.Decrypt(_key, sealedPayload, EventOfA with { TenantId = "tenant-b" }));
    }

    [Fact]
    public void Decrypt_OtherRecordKind_Throws()
    {
        var sealedPayload = EnvelopeCipher.Encrypt(_key, EnvelopeHeader.ForTenantKey(1), EventOfA, Payload());

        Assert.ThrowsAny<CryptographicException>(() => EnvelopeCipher.Decrypt(_key, sealedPayload, EventOfA with { Kind = "event.source" }));
    }

    [Fact]
    public void Decrypt_OtherRecordId_Throws()
    {
        var sealedPayload = EnvelopeCipher.Encrypt(_key, EnvelopeHeader.ForTenantKey(1), EventOfA, Payload());

        Assert.ThrowsAny<CryptographicException>(() => EnvelopeCipher.Decrypt(_key, sealedPayload, EventOfA with { RecordId = "pump-1/2" }));
    }

    [Fact]
    public void Decrypt_FieldBoundaryShifted_Throws()
    {
        // Plain concatenation would make both contexts "t" + "ab" + "c"; the length prefixes keep them apart.
        var sealedPayload = EnvelopeCipher.Encrypt(_key, EnvelopeHeader.ForTenantKey(1), new RecordContext("t", "ab", "c"), Payload());

        Assert.ThrowsAny<CryptographicException>(() => EnvelopeCipher.Decrypt(_key, sealedPayload, new RecordContext("t", "a", "bc")));
    }

    [Fact]
    public void Decrypt_OtherKey_Throws()
    {
        using var other = DataKey.Generate();
        var sealedPayload = EnvelopeCipher.Encrypt(_key, EnvelopeHeader.ForTenantKey(1), EventOfA, Payload());

        Assert.ThrowsAny<CryptographicException>(() => EnvelopeCipher.Decrypt(other, sealedPayload, EventOfA));
    }

    [Fact]
    public void Decrypt_AnySingleByteChanged_Throws()
    {
        var sealedPayload = EnvelopeCipher.Encrypt(_key, EnvelopeHeader.ForTenantKey(1), EventOfA, Payload(32));

        for (var i = 0; i < sealedPayload.Length; i++)
        {
            var tampered = (byte[])sealedPayload.Clone();
            tampered[i] ^= 0x01;

            Assert.ThrowsAny<CryptographicException>(() => EnvelopeCipher.Decrypt(_key, tampered, EventOfA));
        }
    }

    [Fact]
    public void Decrypt_Truncated_Throws()
    {
        var sealedPayload = EnvelopeCipher.Encrypt(_key, EnvelopeHeader.ForTenantKey(1), EventOfA, Payload(8));

        Assert.ThrowsAny<CryptographicException>(() => EnvelopeCipher.Decrypt(_key, sealedPayload.AsSpan(0, 20), EventOfA));
        Assert.ThrowsAny<CryptographicException>(() => EnvelopeCipher.Decrypt(_key, sealedPayload.AsSpan(0, 1), EventOfA));
    }

    [Fact]
    public async Task EncryptAndDecrypt_ManyThreadsOnOneKey_EveryRecordRoundTrips()
    {
        // AesGcm instances are not thread-safe; the key's pool must never hand one to two threads.
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(
            () =>
            {
                for (var i = 0; i < 2_000; i++)
                {
                    var context = new RecordContext("tenant-a", "event.payload", $"twin-{worker}/{i}");
                    var plaintext = BitConverter.GetBytes(worker * 100_000 + i);
                    var opened = EnvelopeCipher.Decrypt(_key, EnvelopeCipher.Encrypt(_key, EnvelopeHeader.ForTenantKey(1), context, plaintext), context);
                    if (!opened.AsSpan().SequenceEqual(plaintext))
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            },
            TestContext.Current.CancellationToken)));

        Assert.Equal(0, failures);
    }
}
