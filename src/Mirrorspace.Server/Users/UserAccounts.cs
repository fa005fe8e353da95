using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;
using Mirrorspace.Security.Passwords;
using Mirrorspace.Security.Totp;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Users;

namespace Mirrorspace.Server.Users;

/// <summary>One problem with a request, named by its field.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>What a new user is to be; validated all at once by <see cref="UserAccounts.CreateAsync"/>.</summary>
public sealed record NewUser(string? Username, string? Password, string? Role, string? Clearance = null, string? Purpose = null);

public enum UserChange
{
    Done,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>The outcome of a change to a user; <see cref="Totp"/> is a secret shown this once.</summary>
public sealed record UserChangeResult(UserChange Outcome, UserRecord? User = null, IReadOnlyList<FieldError>? Errors = null, TotpEnrolment? Totp = null)
{
    public static UserChangeResult Invalid(params FieldError[] errors) => new(UserChange.Invalid, Errors: errors);

    public static UserChangeResult NotFound { get; } = new(UserChange.NotFound);
}

/// <summary>
/// Local users of a tenant: creation (with the password policy), TOTP enrolment and confirmation,
/// password changes and deletion. The API and the offline CLI both go through here. An admin gets a
/// TOTP secret the moment it is created: its first sign-in must present a code of it.
/// </summary>
public sealed class UserAccounts(IUserStore users, ITwinSpaceStore store, ITotpSecretCipher totp, PasswordHasher hasher, TimeProvider clock)
{
    public const DataClassification DefaultClearance = DataClassification.Proprietary;

    public IUserStore Store => users;

    public async Task<UserChangeResult> CreateAsync(string tenantId, NewUser request, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return new UserChangeResult(UserChange.Invalid, Errors: errors);
        }

        if (await store.GetTenantAsync(tenantId, cancellationToken).ConfigureAwait(false) is null)
        {
            return UserChangeResult.Invalid(new FieldError("tenant", $"Tenant '{tenantId}' does not exist."));
        }

        // Validated above: the parses succeed.
        var username = Usernames.Normalize(request.Username!);
        var role = RolePermissions.TryParse(request.Role, out var parsedRole) ? parsedRole : TenantRole.Viewer;
        var clearance = DataClassifications.TryParse(request.Clearance, out var parsedClearance) ? parsedClearance : DefaultClearance;

        // Admins must sign in with a second factor: their secret exists from the start, and their
        // first sign-in with a code of it confirms it.
        byte[]? secret = role == TenantRole.Admin ? TotpCode.NewSecret() : null;
        var user = new UserRecord
        {
            TenantId = tenantId,
            Username = username,
            PasswordHash = hasher.Hash(request.Password!),
            Role = RolePermissions.Name(role),
            Clearance = DataClassifications.Name(clearance),
            Purpose = request.Purpose,
            TotpSecret = secret is null ? null : await totp.SealAsync(tenantId, username, secret, cancellationToken).ConfigureAwait(false),
            CreatedAt = clock.GetUtcNow(),
        };
        if (!await users.CreateAsync(user, cancellationToken).ConfigureAwait(false))
        {
            return new UserChangeResult(UserChange.Conflict, Errors: [new("username", $"User '{username}' already exists (or existed) in this tenant.")]);
        }

        return new UserChangeResult(UserChange.Done, user, Totp: secret is null ? null : TotpEnrolment.For(secret, Account(tenantId, username)));
    }

    /// <summary>Every problem with a new user's fields at once, the password policy's included.</summary>
    public static IReadOnlyList<FieldError> Validate(NewUser request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        var username = request.Username is null ? null : Usernames.Normalize(request.Username);
        if (username is null)
        {
            errors.Add(new("username", "Required."));
        }
        else if (!Usernames.IsValid(username))
        {
            errors.Add(new("username", "Use 1-64 letters, digits or '.', '_', '@', '-', starting with a letter or digit."));
        }

        if (request.Password is null)
        {
            errors.Add(new("password", "Required."));
        }
        else
        {
            errors.AddRange(PasswordPolicy.Check(request.Password, username ?? string.Empty).Select(problem => new FieldError("password", problem)));
        }

        if (request.Role is null)
        {
            errors.Add(new("role", "Required."));
        }
        else if (!RolePermissions.TryParse(request.Role, out _))
        {
            errors.Add(new("role", "Must be viewer, analyst, operator, auditor or admin."));
        }

        if (request.Clearance is not null && !DataClassifications.TryParse(request.Clearance, out _))
        {
            errors.Add(new("clearance", "Must be public, community, consortium, proprietary, personal or health."));
        }

        if (request.Purpose is not null && !Usernames.IsValidPurpose(request.Purpose))
        {
            errors.Add(new("purpose", "Use 1-64 lowercase letters, digits or '.', '_', '-'."));
        }

        return errors;
    }

    public async Task<UserRecord?> GetAsync(string tenantId, string username, CancellationToken cancellationToken) =>
        Usernames.IsValid(username) ? await users.GetAsync(tenantId, username, cancellationToken).ConfigureAwait(false) : null;

    public Task<Page<UserRecord>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken) =>
        users.ListAsync(tenantId, page, cancellationToken);

    /// <summary>Deletes the user for good (see <see cref="IUserStore.DisableAsync"/>); false for no such enabled user.</summary>
    public async Task<bool> DeleteAsync(string tenantId, string username, CancellationToken cancellationToken) =>
        Usernames.IsValid(username) && await users.DisableAsync(tenantId, username, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);

    /// <summary>A new TOTP secret for the user, replacing any other, shown this once; its first accepted code confirms it.</summary>
    public async Task<UserChangeResult> EnrolTotpAsync(string tenantId, string username, CancellationToken cancellationToken)
    {
        var user = await GetAsync(tenantId, username, cancellationToken).ConfigureAwait(false);
        if (user is not { DisabledAt: null })
        {
            return UserChangeResult.NotFound;
        }

        var secret = TotpCode.NewSecret();
        var sealedSecret = await totp.SealAsync(tenantId, username, secret, cancellationToken).ConfigureAwait(false);
        return await users.SetTotpSecretAsync(tenantId, username, sealedSecret, cancellationToken).ConfigureAwait(false)
            ? new UserChangeResult(UserChange.Done, user with { TotpSecret = sealedSecret, TotpConfirmed = false, LastTotpStep = null }, Totp: TotpEnrolment.For(secret, Account(tenantId, username)))
            : UserChangeResult.NotFound;
    }

    /// <summary>Confirms the user's TOTP secret with a first code of it.</summary>
    public async Task<UserChangeResult> ConfirmTotpAsync(string tenantId, string username, string? code, CancellationToken cancellationToken)
    {
        var user = await GetAsync(tenantId, username, cancellationToken).ConfigureAwait(false);
        if (user is not { DisabledAt: null })
        {
            return UserChangeResult.NotFound;
        }

        if (user.TotpSecret is null)
        {
            return new UserChangeResult(UserChange.Conflict, user, [new("code", "The user has no TOTP secret to confirm; enrol one first.")]);
        }

        var step = await VerifyTotpAsync(user, code, cancellationToken).ConfigureAwait(false);
        if (step is null || !await users.ConfirmTotpAsync(tenantId, username, user.TotpSecret, step.Value, cancellationToken).ConfigureAwait(false))
        {
            return UserChangeResult.Invalid(new FieldError("code", "Not a current code of the user's TOTP secret (or one already used)."));
        }

        return new UserChangeResult(UserChange.Done, user with { TotpConfirmed = true, LastTotpStep = step });
    }

    /// <summary>
    /// The step of a good code of the user's secret, after the last one accepted; null for a wrong,
    /// stale or used code, or when the user has no secret.
    /// </summary>
    public async Task<long?> VerifyTotpAsync(UserRecord user, string? code, CancellationToken cancellationToken, bool ignoreUsed = false)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.TotpSecret is null)
        {
            return null;
        }

        var secret = await totp.OpenAsync(user.TenantId, user.Username, user.TotpSecret, cancellationToken).ConfigureAwait(false);
        try
        {
            return TotpCode.Verify(secret, code, clock.GetUtcNow(), ignoreUsed ? null : user.LastTotpStep);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>How an authenticator app lists the account.</summary>
    public static string Account(string tenantId, string username) => $"{tenantId}/{username}";
}
