using System.Security.Cryptography;
using System.Text;
using Mirrorspace.Security.Devices;

namespace Mirrorspace.Security.Tests.Devices;

/// <summary>Device ids <c>dev-{16 hex}</c> and secrets <c>msd_{hex}_{random}</c>: the secret names its device, and only the exact secret verifies.</summary>
public sealed class DeviceCredentialsTests
{
    [Fact]
    public void NewDeviceId_IsDevAnd16LowerHexAndUnique()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => DeviceCredentials.NewDeviceId()).ToList();

        Assert.All(ids, id => Assert.Matches("^dev-[0-9a-f]{16}$", id));
        Assert.All(ids, id => Assert.True(DeviceCredentials.IsDeviceId(id)));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void NewSecret_NamesItsDeviceAndVerifiesAgainstItsHash()
    {
        var deviceId = DeviceCredentials.NewDeviceId();

        var sut = DeviceCredentials.NewSecret(deviceId);

        Assert.Matches($"^msd_{deviceId[4..]}_[A-Za-z0-9_-]{{43}}$", sut.Text);
        Assert.True(DeviceCredentials.TryReadDeviceId(sut.Text, out var claimed));
        Assert.Equal(deviceId, claimed);
        Assert.True(DeviceCredentials.Verify(sut.Text, sut.Hash));
    }

    [Fact]
    public void NewSecret_HashDoesNotContainTheSecret()
    {
        var sut = DeviceCredentials.NewSecret(DeviceCredentials.NewDeviceId());
        var random = Encoding.UTF8.GetBytes(sut.Text[(sut.Text.IndexOf('_', 4) + 1)..]);

        Assert.False(sut.Hash.AsSpan().IndexOf(random) >= 0);
        Assert.NotEqual(Encoding.UTF8.GetBytes(sut.Text), sut.Hash);
    }

    [Fact]
    public void NewSecret_TwiceForOneDevice_GivesDifferentSecretsThatDoNotVerifyEachOther()
    {
        var deviceId = DeviceCredentials.NewDeviceId();

        var first = DeviceCredentials.NewSecret(deviceId);
        var second = DeviceCredentials.NewSecret(deviceId);

        Assert.NotEqual(first.Text, second.Text);
        Assert.False(DeviceCredentials.Verify(first.Text, second.Hash));
        Assert.False(DeviceCredentials.Verify(second.Text, first.Hash));
    }

    [Fact]
    public void Verify_AnyCharacterChanged_Fails()
    {
        var sut = DeviceCredentials.NewSecret(DeviceCredentials.NewDeviceId());

        for (var i = 0; i < sut.Text.Length; i++)
        {
            var tampered = sut.Text[..i] + (sut.Text[i] == 'a' ? 'b' : 'a') + sut.Text[(i + 1)..];
            Assert.False(DeviceCredentials.Verify(tampered, sut.Hash), $"Changed at {i}: {tampered}");
        }

        Assert.False(DeviceCredentials.Verify(sut.Text + "a", sut.Hash));
        Assert.False(DeviceCredentials.Verify(sut.Text[..^1], sut.Hash));
    }

    [Fact]
    public void Verify_SecretWithAnotherDevicesIdSwappedIn_FailsForBoth()
    {
        var deviceA = DeviceCredentials.NewDeviceId();
        var deviceB = DeviceCredentials.NewDeviceId();
        var secretA = DeviceCredentials.NewSecret(deviceA);
        var secretB = DeviceCredentials.NewSecret(deviceB);

        var forged = secretA.Text.Replace(deviceA[4..], deviceB[4..], StringComparison.Ordinal);

        Assert.True(DeviceCredentials.TryReadDeviceId(forged, out var claimed));
        Assert.Equal(deviceB, claimed);
        Assert.False(DeviceCredentials.Verify(forged, secretB.Hash));
        Assert.False(DeviceCredentials.Verify(forged, secretA.Hash));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("dev-0123456789ABCDEF")]
    [InlineData("dev-0123456789abcde")]
    [InlineData("dev-0123456789abcdef0")]
    [InlineData("dvc-0123456789abcdef")]
    [InlineData("dev-0123456789abcdeg")]
    [InlineData(" dev-0123456789abcdef")]
    public void IsDeviceId_NotExactlyDevAnd16LowerHex_IsFalse(string? text) => Assert.False(DeviceCredentials.IsDeviceId(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("msk_0123456789abcdef_secret")]
    [InlineData("msd_0123456789abcdef")]
    [InlineData("msd__secret")]
    [InlineData("msd_0123456789ABCDEF_secret")]
    [InlineData("msd_0123_secret")]
    [InlineData("dev-0123456789abcdef")]
    public void TryReadDeviceId_NotADeviceSecret_IsFalse(string? secret)
    {
        Assert.False(DeviceCredentials.TryReadDeviceId(secret, out var deviceId));
        Assert.Null(deviceId);
    }

    [Fact]
    public void TryReadDeviceId_LongerThan128Characters_IsFalse()
    {
        var secret = "msd_0123456789abcdef_" + new string('a', 128);

        Assert.False(DeviceCredentials.TryReadDeviceId(secret, out _));
    }

    [Theory]
    [InlineData("pump-1")]
    [InlineData("dev-XYZ")]
    [InlineData("")]
    public void NewSecret_NotADeviceId_Throws(string deviceId) =>
        Assert.Throws<ArgumentException>(() => DeviceCredentials.NewSecret(deviceId));

    [Fact]
    public void Thumbprint_IsLowerHexSha256OfTheDer()
    {
        var der = RandomNumberGenerator.GetBytes(300);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(der)), DeviceCredentials.Thumbprint(der));
        Assert.Matches("^[0-9a-f]{64}$", DeviceCredentials.Thumbprint(der));
    }
}
