namespace Mirrorspace.Security.Totp;

/// <summary>
/// A new TOTP secret as an authenticator app takes it: the base32 text to type in, and the
/// <c>otpauth://</c> URI to scan as a QR code. Shown once; the node keeps the secret sealed.
/// </summary>
public sealed record TotpEnrolment(string Secret, string OtpauthUri)
{
    public const string Issuer = "Mirrorspace";

    /// <param name="account">Who the code is for, as the app lists it (tenant and username).</param>
    public static TotpEnrolment For(ReadOnlySpan<byte> secret, string account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var text = Base32.Encode(secret);
        var label = Uri.EscapeDataString($"{Issuer}:{account}");
        return new TotpEnrolment(
            text,
            $"otpauth://totp/{label}?secret={text}&issuer={Issuer}&algorithm=SHA1&digits={TotpCode.Digits}&period={TotpCode.StepSeconds}");
    }
}
