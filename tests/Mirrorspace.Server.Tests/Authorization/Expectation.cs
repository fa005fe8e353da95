namespace Mirrorspace.Server.Tests.Authorization;

/// <summary>Who calls: nobody, a key that fails to authenticate, a key of each role, or a device credential.</summary>
public enum Caller
{
    Anonymous,
    WrongKey,
    Viewer,
    Analyst,
    Operator,
    Auditor,
    Admin,

    /// <summary>The device of the tenant's main twin.</summary>
    Device,

    /// <summary>A device of another twin of the same tenant.</summary>
    OtherDevice,

    /// <summary>The platform administrator: authenticated, but of no tenant.</summary>
    PlatformAdmin,
}

/// <summary>Where the object a request names lives, seen from the caller.</summary>
public enum Scope
{
    /// <summary>In the caller's own tenant (for a device: see whether it is its twin).</summary>
    Own,

    /// <summary>In the other tenant.</summary>
    Foreign,

    /// <summary>Nowhere: an id no tenant uses.</summary>
    Absent,
}

/// <summary>An answer, as far as authorization is concerned.</summary>
public enum Outcome
{
    /// <summary>Any 2xx.</summary>
    Allowed,
    Unauthenticated,
    Forbidden,
    NotFound,
    InvalidBody,

    /// <summary>Anything else (409, 500...): never expected, always reported with its status.</summary>
    Other,
}

/// <summary>The rules that turn an oracle row into the answer one caller must get.</summary>
public static class Expectation
{
    /// <summary>
    /// Authentication first (401), then the role (403, whatever the object: a refusal must not depend on
    /// whether the object exists), then the object, which must be the caller's tenant's.
    /// </summary>
    /// <param name="devicesOwnTwin">Whether the request names the twin of the calling device.</param>
    public static Outcome Of(OracleRow row, Caller caller, Scope scope, bool devicesOwnTwin)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Roles is Roles.Anonymous)
        {
            return Outcome.Allowed;
        }

        if (caller is Caller.Anonymous or Caller.WrongKey)
        {
            return Outcome.Unauthenticated;
        }

        if (caller is Caller.Device or Caller.OtherDevice)
        {
            return row.Devices is Devices.No ? Outcome.Forbidden
                : scope is Scope.Own && devicesOwnTwin ? Outcome.Allowed
                : Outcome.NotFound;
        }

        // No tenant, so no tenant endpoint lets it in; on its own endpoints every tenant is in reach, and an absent one is 404.
        if (caller is Caller.PlatformAdmin)
        {
            return (row.Roles & Roles.Platform) == 0 ? Outcome.Forbidden
                : scope is Scope.Absent ? Outcome.NotFound
                : Outcome.Allowed;
        }

        if ((row.Roles & RoleOf(caller)) == 0)
        {
            return Outcome.Forbidden;
        }

        return scope is Scope.Own ? Outcome.Allowed : row.WhenAbsent switch
        {
            WhenAbsent.NotFound => Outcome.NotFound,
            WhenAbsent.Creates => Outcome.Allowed,
            _ => Outcome.InvalidBody,
        };
    }

    /// <summary>What an HTTP status means for the matrix.</summary>
    public static Outcome Of(int status) => status switch
    {
        >= 200 and < 300 => Outcome.Allowed,
        401 => Outcome.Unauthenticated,
        403 => Outcome.Forbidden,
        404 => Outcome.NotFound,
        400 => Outcome.InvalidBody,
        _ => Outcome.Other,
    };

    public static string Describe(Outcome outcome) => outcome switch
    {
        Outcome.Allowed => "allowed (2xx)",
        Outcome.Unauthenticated => "401",
        Outcome.Forbidden => "403",
        Outcome.NotFound => "404",
        Outcome.InvalidBody => "400",
        _ => "another status",
    };

    private static Roles RoleOf(Caller caller) => caller switch
    {
        Caller.Viewer => Roles.Viewer,
        Caller.Analyst => Roles.Analyst,
        Caller.Operator => Roles.Operator,
        Caller.Auditor => Roles.Auditor,
        Caller.Admin => Roles.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "Not an API key role."),
    };
}
