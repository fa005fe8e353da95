namespace Mirrorspace.Storage.Users;

/// <summary>
/// A local user of one tenant as stored: the password only as a self-describing slow hash, the TOTP
/// secret only sealed under the tenant key. A deleted user keeps its row, disabled and with both
/// secrets wiped, so its name is never given to someone else: history and audit entries say <c>user:NAME</c>.
/// </summary>
public sealed record UserRecord
{
    public required string TenantId { get; init; }

    /// <summary>Unique within the tenant; lowercase.</summary>
    public required string Username { get; init; }

    /// <summary>See <c>PasswordHash</c>; null once the user is deleted.</summary>
    public string? PasswordHash { get; init; }

    /// <summary>The tenant role's name (<c>viewer</c> … <c>admin</c>).</summary>
    public required string Role { get; init; }

    /// <summary>The most sensitive data class the user may read, by name.</summary>
    public required string Clearance { get; init; }

    /// <summary>A purpose of use the user declares on every request; null when each request declares its own.</summary>
    public string? Purpose { get; init; }

    /// <summary>The TOTP secret sealed under the tenant key; null when the user has none.</summary>
    public string? TotpSecret { get; init; }

    /// <summary>Whether a code of the current secret has been accepted once (at confirmation or sign-in).</summary>
    public bool TotpConfirmed { get; init; }

    /// <summary>The last TOTP step accepted: only later codes are good.</summary>
    public long? LastTotpStep { get; init; }

    /// <summary>Failed sign-ins since the last successful one.</summary>
    public int FailedAttempts { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? PasswordChangedAt { get; init; }

    /// <summary>When the user was deleted; a disabled user never signs in again.</summary>
    public DateTimeOffset? DisabledAt { get; init; }
}
