using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Users;

/// <summary>
/// Local users and their browser sessions, per tenant. Sign-in bookkeeping (failures, lock, the TOTP
/// step) is updated atomically, so two parallel sign-ins can neither both use one code nor lose a failure.
/// </summary>
public interface IUserStore
{
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>False when the name is taken in the tenant (by a deleted user too).</summary>
    Task<bool> CreateAsync(UserRecord user, CancellationToken cancellationToken);

    Task<UserRecord?> GetAsync(string tenantId, string username, CancellationToken cancellationToken);

    /// <summary>The tenant's users, deleted ones included, ordered by name.</summary>
    Task<Page<UserRecord>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one more failed sign-in and sets the lock <paramref name="lockedUntil"/> gives for the new
    /// count; returns the user as updated, null for no such (enabled) user.
    /// </summary>
    Task<UserRecord?> RecordFailedSignInAsync(
        string tenantId, string username, Func<int, DateTimeOffset?> lockedUntil, CancellationToken cancellationToken);

    /// <summary>
    /// A successful sign-in: the failure count and lock are cleared, the password hash replaced when
    /// <paramref name="rehash"/> is given, and a TOTP <paramref name="totpStep"/> recorded (which confirms
    /// the secret). False, changing nothing, when the user's hash is no longer <paramref name="verifiedHash"/>
    /// (the password changed meanwhile) or the step is not after the last accepted one (the code was used).
    /// </summary>
    Task<bool> RecordSignInAsync(
        string tenantId, string username, string verifiedHash, string? rehash, long? totpStep, CancellationToken cancellationToken);

    /// <summary>A new TOTP secret, not yet confirmed, replacing any other; false for no such enabled user.</summary>
    Task<bool> SetTotpSecretAsync(string tenantId, string username, string sealedSecret, CancellationToken cancellationToken);

    /// <summary>Marks the secret confirmed and records the step; false when the step is not after the last accepted one.</summary>
    Task<bool> ConfirmTotpAsync(string tenantId, string username, string sealedSecret, long totpStep, CancellationToken cancellationToken);

    /// <summary>A new password hash; in the same transaction every session of the user ends. False for no such enabled user.</summary>
    Task<bool> SetPasswordAsync(string tenantId, string username, string passwordHash, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deletes the user for good: disabled, password hash and TOTP secret wiped, every session ended. False for no such enabled user.</summary>
    Task<bool> DisableAsync(string tenantId, string username, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Stores a new session; sessions past <paramref name="purgeBefore"/>'s limits are removed on the way.</summary>
    Task CreateSessionAsync(SessionRecord session, SessionPurge purgeBefore, CancellationToken cancellationToken);

    Task<SessionRecord?> FindSessionAsync(byte[] tokenHash, CancellationToken cancellationToken);

    Task TouchSessionAsync(byte[] tokenHash, DateTimeOffset lastSeenAt, CancellationToken cancellationToken);

    Task<bool> DeleteSessionAsync(byte[] tokenHash, CancellationToken cancellationToken);
}

/// <summary>Which sessions are over: those whose absolute end is before <paramref name="ExpiresBefore"/>, or idle since before <paramref name="LastSeenBefore"/>.</summary>
public sealed record SessionPurge(DateTimeOffset ExpiresBefore, DateTimeOffset LastSeenBefore);
