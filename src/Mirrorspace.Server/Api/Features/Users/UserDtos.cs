using Mirrorspace.Security.Totp;
using Mirrorspace.Storage.Users;

namespace Mirrorspace.Server.Api.Features.Users;

/// <summary>A local user as the API shows it: never a password hash or a TOTP secret.</summary>
/// <param name="Totp"><c>none</c>, <c>pending</c> (enrolled, no code accepted yet) or <c>confirmed</c>.</param>
/// <param name="LockedUntil">Set while repeated failed sign-ins keep the account locked.</param>
/// <param name="DeletedAt">A deleted user keeps its name, so no one else gets it.</param>
public sealed record UserDto(
    string Username,
    string Role,
    string Clearance,
    string? Purpose,
    string Totp,
    int FailedAttempts,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PasswordChangedAt,
    DateTimeOffset? DeletedAt)
{
    public static UserDto From(UserRecord user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(
            user.Username,
            user.Role,
            user.Clearance,
            user.Purpose,
            user.TotpSecret is null ? "none" : user.TotpConfirmed ? "confirmed" : "pending",
            user.FailedAttempts,
            user.LockedUntil > now ? user.LockedUntil : null,
            user.CreatedAt,
            user.PasswordChangedAt,
            user.DisabledAt);
    }
}

/// <summary>A TOTP secret, shown this once: type <see cref="Secret"/> into an authenticator app or scan <see cref="OtpauthUri"/> as a QR code.</summary>
public sealed record TotpEnrolmentDto(string Secret, string OtpauthUri, string Algorithm, int Digits, int Period)
{
    public static TotpEnrolmentDto From(TotpEnrolment enrolment)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        return new(enrolment.Secret, enrolment.OtpauthUri, "SHA1", TotpCode.Digits, TotpCode.StepSeconds);
    }
}

/// <summary>A new user; an admin comes with its TOTP secret, shown once, whose first code (at sign-in or confirmation) confirms it.</summary>
public sealed record UserCreatedDto(UserDto User, TotpEnrolmentDto? Totp);
