using System.Security.Cryptography;
using Mirrorspace.Security.Crypto;
using static Mirrorspace.Security.Tests.Crypto.Envelopes;

namespace Mirrorspace.Security.Tests.Crypto;

public sealed class KeyWrappingTests : IDisposable
{
    private readonly MasterKey _master = MasterKey.Generate();
    private readonly DataKey _dataKey = DataKey.Generate();

    public void Dispose()
    {
        _master.Dispose();
        _dataKey.Dispose();
    }

    [Fact]
    public void UnwrapDataKey_SameMasterTenantAndVersion_OpensWhatTheOriginalSealed()
    {
        var sealedPayload = EnvelopeCipher.Encrypt(_dataKey, EnvelopeHeader.ForTenantKey(2), EventOfA, Payload());
        var wrapped = KeyWrapping.WrapDataKey(_master, _dataKey, "tenant-a", 2);

        using var sut = KeyWrapping.UnwrapDataKey(_master, wrapped, "tenant-a", 2);

        Assert.Equal(KeyWrapping.WrappedLength, wrapped.Length);
        Assert.Equal(Payload(), EnvelopeCipher.Decrypt(sut, sealedPayload, EventOfA));
    }

    [Fact]
    public void UnwrapDataKey_OtherMasterKey_Throws()
    {
        using var other = MasterKey.Generate();
        var wrapped = KeyWrapping.WrapDataKey(_master, _dataKey, "tenant-a", 1);

        Assert.ThrowsAny<CryptographicException>(() => KeyWrapping.UnwrapDataKey(other, wrapped, "tenant-a", 1));
    }

    [Fact]
    public void UnwrapDataKey_MovedToOtherTenantOrVersion_Throws()
    {
        var wrapped = KeyWrapping.WrapDataKey(_master, _dataKey, "tenant-a", 1);

        Assert.ThrowsAny<CryptographicException>(() => KeyWrapping.UnwrapDataKey(_master, wrapped, "tenant-b", 1));
        Assert.ThrowsAny<CryptographicException>(() => KeyWrapping.UnwrapDataKey(_master, wrapped, "tenant-a", 2));
    }

    [Fact]
    public void UnwrapSubjectKey_MovedToOtherSubjectOrWrappingVersion_Throws()
    {
        using var subjectKey = DataKey.Generate();
        var wrapped = KeyWrapping.WrapSubjectKey(_dataKey, 3, subjectKey, "tenant-a", "alice");

        using var opened = KeyWrapping.UnwrapSubjectKey(_dataKey, 3, wrapped, "tenant-a", "alice");
        Assert.ThrowsAny<CryptographicException>(() => KeyWrapping.UnwrapSubjectKey(_dataKey, 3, wrapped, "tenant-a", "bob"));
        Assert.ThrowsAny<CryptographicException>(() => KeyWrapping.UnwrapSubjectKey(_dataKey, 2, wrapped, "tenant-a", "alice"));
    }

    [Fact]
    public void KeyCheckValue_SameMasterKey_Verifies()
    {
        var check = KeyCheckValue.Create(_master);

        Assert.True(KeyCheckValue.Verify(_master, check));
    }

    [Fact]
    public void KeyCheckValue_OtherMasterKey_DoesNotVerify()
    {
        using var other = MasterKey.Generate();

        Assert.False(KeyCheckValue.Verify(other, KeyCheckValue.Create(_master)));
    }

    [Fact]
    public void KeyCheckValue_WrappedDataKeyUnderSameMaster_DoesNotVerify()
    {
        // Domain separation: no other wrapping by the master key passes as its check value.
        var wrapped = KeyWrapping.WrapDataKey(_master, _dataKey, "tenant-a", 1);

        Assert.False(KeyCheckValue.Verify(_master, wrapped));
        Assert.False(KeyCheckValue.Verify(_master, KeyCheckValue.Create(_master).AsSpan(0, 30)));
    }
}
