using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Common;
using Mirrorspace.Domain.Models;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;
using Mirrorspace.Security.Passwords;
using Mirrorspace.Storage.Users;

namespace Mirrorspace.Server.Users;

/// <summary>What a sign-in asks for; nothing of it is trusted before it is checked.</summary>
public sealed record SignInRequest(string Tenant, string Username, string Password, string? Totp);

public enum SignInOutcome
{
    /// <summary>Refused, and the caller is told nothing more: unknown tenant or user, wrong password or code, locked, deleted.</summary>
    Failed,

    /// <summary>The password is right and the account uses TOTP (admins always): send a code.</summary>
    SecondFactorRequired,

    /// <summary>The password is right, but the account is an admin's without a TOTP secret: one must be enrolled first.</summary>
    EnrolmentRequired,

    SignedIn,
}

/// <summary>A sign-in's outcome; on success the two tokens exist only here and in the response.</summary>
public sealed record SignInResult(SignInOutcome Outcome, SessionRecord? Session = null, UserRecord? User = null, string? SessionToken = null, string? AntiForgeryToken = null);

/// <summary>A session that authenticates this request, and the user behind it as they are now.</summary>
public sealed record ActiveSession(SessionRecord Session, UserRecord User, TenantRole Role, DataClassification Clearance);

/// <summary>
/// Sign-in, sessions and password changes of local users. Every sign-in costs one password hash
/// whether or not the user exists, is locked or is deleted, and every refusal before the password is
/// known to be right answers the same; failures count towards a lockout with backoff
/// (<see cref="LoginBackoff"/>), and each failure and each lockout goes into the audit log.
/// </summary>
public sealed class UserSessions(UserAccounts accounts, PasswordHasher hasher, TimeProvider clock, AuditLog audit) : IDisposable
{
    /// <summary>A session ends after this long without a request.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however active.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>A session's last-seen time is written at most this often.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    // A password hash is hundreds of milliseconds of one core: at most half the cores hash at once,
    // so a burst of sign-ins (or a guessing attack) cannot take the node's other work from it.
    private readonly SemaphoreSlim _hashing = new(Math.Max(1, Environment.ProcessorCount / 2));

    private IUserStore Users => accounts.Store;

    public async Task<SignInResult> SignInAsync(SignInRequest request, string? remoteAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var username = Usernames.Normalize(request.Username);
        var user = Identifiers.IsValidTenantId(request.Tenant) && Usernames.IsValid(username)
            ? await Users.GetAsync(request.Tenant, username, cancellationToken).ConfigureAwait(false)
            : null;

        // The hash is computed first, for every request alike: unknown, deleted and locked users take as long as wrong passwords.
        var verification = await HashingAsync(
            () => user?.PasswordHash is { } stored && request.Password.Length <= PasswordPolicy.MaxLength * 4
                ? hasher.Verify(request.Password, stored)
                : Spend(request.Password),
            cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var attempt = new Attempt(request.Tenant, username, user, remoteAddress);

        if (user is null)
        {
            return await RefuseAsync(attempt, "unknown user", count: false, cancellationToken).ConfigureAwait(false);
        }

        if (user.DisabledAt is not null)
        {
            return await RefuseAsync(attempt, "deleted user", count: false, cancellationToken).ConfigureAwait(false);
        }

        if (user.LockedUntil > now)
        {
            return await RefuseAsync(attempt, $"locked until {user.LockedUntil:O}", count: false, cancellationToken).ConfigureAwait(false);
        }

        if (verification is PasswordVerification.Failed)
        {
            return await RefuseAsync(attempt, "wrong password", count: true, cancellationToken).ConfigureAwait(false);
        }

        if (!RolePermissions.TryParse(user.Role, out var role) || !DataClassifications.TryParse(user.Clearance, out _))
        {
            return await RefuseAsync(attempt, $"unknown role '{user.Role}' or clearance '{user.Clearance}'", count: false, cancellationToken).ConfigureAwait(false);
        }

        long? step = null;
        if (role == TenantRole.Admin || user.TotpSecret is not null)
        {
            if (user.TotpSecret is null)
            {
                await RecordAsync(attempt, AuditOutcome.Denied, "admin without a TOTP secret: enrolment required", cancellationToken).ConfigureAwait(false);
                return new SignInResult(SignInOutcome.EnrolmentRequired);
            }

            if (string.IsNullOrEmpty(request.Totp))
            {
                await RecordAsync(attempt, AuditOutcome.Denied, "right password, TOTP code missing", cancellationToken).ConfigureAwait(false);
                return new SignInResult(SignInOutcome.SecondFactorRequired);
            }

            step = await accounts.VerifyTotpAsync(user, request.Totp, cancellationToken).ConfigureAwait(false);
            if (step is null)
            {
                var reused = await accounts.VerifyTotpAsync(user, request.Totp, cancellationToken, ignoreUsed: true).ConfigureAwait(false) is not null;
                return await RefuseAsync(attempt, reused ? "TOTP code already used" : "wrong TOTP code", count: true, cancellationToken).ConfigureAwait(false);
            }
        }

        var rehash = verification is PasswordVerification.VerifiedNeedsRehash
            ? await HashingAsync(() => hasher.Hash(request.Password), cancellationToken).ConfigureAwait(false)
            : null;
        if (!await Users.RecordSignInAsync(user.TenantId, user.Username, user.PasswordHash!, rehash, step, cancellationToken).ConfigureAwait(false))
        {
            // Another sign-in took the same code first, or the password changed meanwhile.
            return await RefuseAsync(attempt, "TOTP code already used or password changed meanwhile", count: true, cancellationToken).ConfigureAwait(false);
        }

        var sessionToken = SessionTokens.NewSessionToken();
        var antiForgeryToken = SessionTokens.NewAntiForgeryToken();
        var session = new SessionRecord
        {
            TokenHash = SessionTokens.Hash(sessionToken),
            TenantId = user.TenantId,
            Username = user.Username,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + Lifetime,
            AntiForgeryHash = SessionTokens.Hash(antiForgeryToken),
        };
        await Users.CreateSessionAsync(session, new SessionPurge(now, now - IdleTimeout), cancellationToken).ConfigureAwait(false);
        await RecordAsync(attempt, AuditOutcome.Success, rehash is null ? "signed in" : "signed in; password hash upgraded", cancellationToken).ConfigureAwait(false);
        return new SignInResult(SignInOutcome.SignedIn, session, user, sessionToken, antiForgeryToken);
    }

    /// <summary>
    /// The session a cookie's token opens, or the reason it opens none (for the audit log) and, when the
    /// token was a real session's, that session.
    /// </summary>
    public async Task<(ActiveSession? Session, string? Refusal, SessionRecord? Ended)> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (!SessionTokens.IsSessionToken(token))
        {
            return (null, "malformed session token", null);
        }

        var hash = SessionTokens.Hash(token);
        var session = await Users.FindSessionAsync(hash, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return (null, "unknown or ended session", null);
        }

        var now = clock.GetUtcNow();
        var refusal = now >= session.ExpiresAt ? "session past its 12 h lifetime"
            : now - session.LastSeenAt >= IdleTimeout ? "session idle for 30 min"
            : null;
        var user = refusal is null ? await Users.GetAsync(session.TenantId, session.Username, cancellationToken).ConfigureAwait(false) : null;
        refusal ??= user is not { DisabledAt: null } ? "user deleted" : null;
        if (refusal is not null)
        {
            await Users.DeleteSessionAsync(hash, cancellationToken).ConfigureAwait(false);
            return (null, refusal, session);
        }

        if (!RolePermissions.TryParse(user!.Role, out var role) || !DataClassifications.TryParse(user.Clearance, out var clearance))
        {
            return (null, $"unknown role '{user.Role}' or clearance '{user.Clearance}'", session);
        }

        if (now - session.LastSeenAt >= TouchEvery)
        {
            await Users.TouchSessionAsync(hash, now, cancellationToken).ConfigureAwait(false);
            session = session with { LastSeenAt = now };
        }

        return (new ActiveSession(session, user, role, clearance), null, null);
    }

    public Task<bool> SignOutAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Users.DeleteSessionAsync(session.TokenHash, cancellationToken);
    }

    /// <summary>
    /// The user's own password change: the current password must be right (a wrong one counts towards
    /// the lockout, as at sign-in), the new one must meet the policy. Every session of the user ends.
    /// </summary>
    public async Task<UserChangeResult> ChangePasswordAsync(
        string tenantId, string username, string? currentPassword, string? newPassword, string? remoteAddress, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (currentPassword is null)
        {
            errors.Add(new("currentPassword", "Required."));
        }

        if (newPassword is null)
        {
            errors.Add(new("newPassword", "Required."));
        }
        else
        {
            errors.AddRange(PasswordPolicy.Check(newPassword, username).Select(problem => new FieldError("newPassword", problem)));
            if (newPassword == currentPassword)
            {
                errors.Add(new("newPassword", "Must differ from the current password."));
            }
        }

        var user = await accounts.GetAsync(tenantId, username, cancellationToken).ConfigureAwait(false);
        if (user is not { DisabledAt: null })
        {
            return UserChangeResult.NotFound;
        }

        if (currentPassword is not null)
        {
            var now = clock.GetUtcNow();
            var verification = await HashingAsync(() => hasher.Verify(currentPassword, user.PasswordHash), cancellationToken).ConfigureAwait(false);
            var locked = user.LockedUntil > now;
            if (locked || verification is PasswordVerification.Failed)
            {
                var attempt = new Attempt(tenantId, username, user, remoteAddress);
                if (!locked)
                {
                    await CountFailureAsync(attempt, cancellationToken).ConfigureAwait(false);
                }

                await RecordAsync(
                    attempt, AuditOutcome.Denied, locked ? "password change while locked" : "password change with a wrong current password",
                    cancellationToken, AuditActions.PasswordChange).ConfigureAwait(false);
                errors.Insert(0, new("currentPassword", "Not the current password (or the account is locked for a while)."));
            }
        }

        if (errors.Count > 0)
        {
            return new UserChangeResult(UserChange.Invalid, Errors: errors);
        }

        var hash = await HashingAsync(() => hasher.Hash(newPassword!), cancellationToken).ConfigureAwait(false);
        if (!await Users.SetPasswordAsync(tenantId, username, hash, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return UserChangeResult.NotFound;
        }

        await RecordAsync(new Attempt(tenantId, username, user, remoteAddress), AuditOutcome.Success, "password changed; every session ended", cancellationToken, AuditActions.PasswordChange).ConfigureAwait(false);
        return new UserChangeResult(UserChange.Done, user);
    }

    public void Dispose() => _hashing.Dispose();

    private PasswordVerification Spend(string password)
    {
        hasher.SpendVerificationTime(password.Length <= PasswordPolicy.MaxLength * 4 ? password : password[..(PasswordPolicy.MaxLength * 4)]);
        return PasswordVerification.Failed;
    }

    private async Task<T> HashingAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _hashing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work();
        }
        finally
        {
            _hashing.Release();
        }
    }

    private async Task<SignInResult> RefuseAsync(Attempt attempt, string reason, bool count, CancellationToken cancellationToken)
    {
        await RecordAsync(attempt, AuditOutcome.Denied, reason, cancellationToken).ConfigureAwait(false);
        if (count)
        {
            await CountFailureAsync(attempt, cancellationToken).ConfigureAwait(false);
        }

        return new SignInResult(SignInOutcome.Failed);
    }

    private async Task CountFailureAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var updated = await Users.RecordFailedSignInAsync(
            attempt.User!.TenantId, attempt.User.Username, failures => LoginBackoff.LockFor(failures) is { } lockFor ? now + lockFor : null, cancellationToken).ConfigureAwait(false);
        if (updated is { LockedUntil: { } until } && until > now)
        {
            await RecordAsync(
                attempt,
                AuditOutcome.Denied,
                $"locked for {(until - now).TotalMinutes:0} min after {updated.FailedAttempts} consecutive failures",
                cancellationToken,
                AuditActions.Lockout).ConfigureAwait(false);
        }
    }

    /// <summary>The tenant is named only when the user exists in it, so a probe cannot fill a tenant's log.</summary>
    private Task<long> RecordAsync(Attempt attempt, AuditOutcome outcome, string reason, CancellationToken cancellationToken, string action = AuditActions.SignIn) =>
        audit.RecordAsync(
            new AuditRecord
            {
                TenantId = attempt.User?.TenantId,
                Principal = Usernames.Principal(attempt.Username),
                Action = action,
                Resource = attempt.User is null ? $"tenant/{attempt.Tenant}" : $"user/{attempt.User.Username}",
                Outcome = outcome,
                Reason = reason,
                RemoteAddress = attempt.RemoteAddress,
            },
            cancellationToken);

    private sealed record Attempt(string Tenant, string Username, UserRecord? User, string? RemoteAddress);
}
