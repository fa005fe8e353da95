using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Mirrorspace.Security.ApiKeys;

namespace Mirrorspace.Security.Devices;

/// <summary>
/// A device is <c>dev-{hex}</c> (its MQTT user name and client id) with a secret
/// <c>msd_{hex}_{random}</c>. The secret names its device, so HTTPS needs only the secret
/// (<c>Authorization: Bearer msd_…</c>), and its prefix lets secret scanners spot a leak.
/// </summary>
public static class DeviceCredentials
{
    public const string IdPrefix = "dev-";
    public const string SecretPrefix = "msd_";
    private const int IdBytes = 8;
    private const int SecretBytes = 32;
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static string NewDeviceId() => IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));

    /// <summary>A fresh secret for <paramref name="deviceId"/>: the text is shown once, only the hash is kept.</summary>
    public static DeviceSecret NewSecret(string deviceId)
    {
        if (!IsDeviceId(deviceId))
        {
            throw new ArgumentException($"'{deviceId}' is not a device id.", nameof(deviceId));
        }

        var random = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var text = $"{SecretPrefix}{deviceId[IdPrefix.Length..]}_{random}";
        return new DeviceSecret(text, ApiKeyCodec.HashSecret(text));
    }

    public static bool IsDeviceId([NotNullWhen(true)] string? text) =>
        text is { Length: 4 + (2 * IdBytes) }
        && text.StartsWith(IdPrefix, StringComparison.Ordinal)
        && text.AsSpan(IdPrefix.Length).ContainsAnyExcept(LowerHex) is false;

    /// <summary>The device a secret claims to belong to; proves nothing until <see cref="Verify"/> agrees.</summary>
    public static bool TryReadDeviceId(string? secret, [NotNullWhen(true)] out string? deviceId)
    {
        deviceId = null;
        if (secret is null || secret.Length > 128 || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = secret.AsSpan(SecretPrefix.Length);
        var separator = body.IndexOf('_');
        if (separator <= 0)
        {
            return false;
        }

        var candidate = IdPrefix + body[..separator].ToString();
        if (!IsDeviceId(candidate))
        {
            return false;
        }

        deviceId = candidate;
        return true;
    }

    public static bool Verify(string secret, byte[] storedHash) => ApiKeyCodec.Verify(secret, storedHash);

    /// <summary>SHA-256 of the DER certificate, lower-case hex: how a registered client certificate is pinned.</summary>
    public static string Thumbprint(ReadOnlySpan<byte> certificateDer) => Convert.ToHexStringLower(SHA256.HashData(certificateDer));
}
