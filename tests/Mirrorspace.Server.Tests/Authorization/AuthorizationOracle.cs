namespace Mirrorspace.Server.Tests.Authorization;

/// <summary>The tenant roles an endpoint accepts, written out per endpoint (not derived from the product's role table).</summary>
[Flags]
public enum Roles
{
    /// <summary>No credential needed at all.</summary>
    Anonymous = 0,
    Viewer = 1,
    Analyst = 2,
    Operator = 4,
    Auditor = 8,
    Admin = 16,

    /// <summary>The platform administrator, who belongs to no tenant (an <c>mpa_…</c> key).</summary>
    Platform = 32,

    /// <summary>Any person or service of the tenant.</summary>
    Anyone = Viewer | Analyst | Operator | Auditor | Admin,

    /// <summary>Those who read twin state and models: everyone but the auditor for twins.</summary>
    TwinReaders = Viewer | Analyst | Operator | Admin,
    ModelReaders = Anyone,

    /// <summary>Who reads what integrity checks held and raised.</summary>
    IntegrityReaders = Analyst | Operator | Admin,

    /// <summary>Who runs the twins: create, link, set desired state, report, decide on quarantine.</summary>
    Runners = Operator | Admin,
    DeviceReaders = Operator | Auditor | Admin,

    /// <summary>Who reads the audit log and who holds which rights (principals, policies).</summary>
    AuditReaders = Auditor | Admin,

    /// <summary>
    /// A person signed in with a browser session, acting on their own account: no key's role grants it
    /// (every key caller gets 403); the session tests try the user themself.
    /// </summary>
    SignedInUser = 64,
}

/// <summary>Whether a device credential (<c>msd_…</c>) may call the endpoint at all.</summary>
public enum Devices
{
    /// <summary>Devices are refused (403), whatever they address.</summary>
    No,

    /// <summary>A device may call it for its own twin; any other twin answers 404, exactly as an absent one.</summary>
    OwnTwin,
}

/// <summary>The kind of tenant object an endpoint addresses, if any.</summary>
public enum Touches
{
    Nothing,
    Twin,
    Relationship,
    Model,
    Device,
    Connector,
    AuditEntry,
    QuarantinedReading,
    ApiKey,

    /// <summary>A tenant itself, named by the platform administrator, to whom every tenant is in reach (and none of their data).</summary>
    Tenant,
    IdentityProvider,
    User,
}

/// <summary>What a caller with the right role gets for an object its tenant does not have (another tenant's, or none at all).</summary>
public enum WhenAbsent
{
    /// <summary>404, with the same problem for another tenant's object as for one that never existed.</summary>
    NotFound,

    /// <summary>The call creates the object in the caller's own tenant: ids are per tenant, so another tenant's id is simply free.</summary>
    Creates,

    /// <summary>The object is named in the body, not the URL: 400 for the body, again the same for another tenant's object as for none.</summary>
    InvalidBody,
}

/// <summary>One decision: who may call <see cref="Method"/> <see cref="Route"/>, and what it touches.</summary>
public sealed record OracleRow(
    string Method, string Route, Roles Roles, Touches Touches, WhenAbsent WhenAbsent = WhenAbsent.NotFound, Devices Devices = Devices.No)
{
    public string Key => $"{Method} {Route}";

    public override string ToString() => Key;
}

/// <summary>
/// The authorization matrix's specification, written by hand from the security model (docs/security-model.md)
/// and never read from the endpoints' code: the matrix tests compare the running node against it. An endpoint
/// missing here, or a row whose endpoint is gone, fails the inventory test, so every new endpoint needs a
/// decision written down. Routes are written with parameter names only (no constraints) and no trailing slash;
/// <c>ANY</c> is an endpoint that answers every method.
/// </summary>
public static class AuthorizationOracle
{
    public static IReadOnlyList<OracleRow> Rows { get; } =
    [
        // Liveness for load balancers and the reference pages' static files: public, and they carry no tenant data.
        new("ANY",    "/health",                                                   Roles.Anonymous, Touches.Nothing),
        new("GET",    "/scalar/favicon.svg",                                       Roles.Anonymous, Touches.Nothing),
        new("GET",    "/scalar/scalar.aspnetcore.js",                              Roles.Anonymous, Touches.Nothing),
        new("GET",    "/scalar/scalar.js",                                         Roles.Anonymous, Touches.Nothing),

        // The API reference describes the API, so it needs a key like the API does (SHR-1).
        new("GET",    "/openapi/{documentName}.json",                              Roles.Anyone,    Touches.Nothing),
        new("GET",    "/scalar/{documentName?}",                                   Roles.Anyone,    Touches.Nothing),

        // Models: every role reads them, only admins publish.
        new("GET",    "/api/v1/models",                                            Roles.ModelReaders, Touches.Nothing),
        new("GET",    "/api/v1/models/{modelId}",                                  Roles.ModelReaders, Touches.Model),
        new("PUT",    "/api/v1/models/{modelId}",                                  Roles.Admin,     Touches.Model, WhenAbsent.Creates),

        // Twins and their state: readers (not the auditor) read, operators change; a device only reports its own twin's state.
        new("GET",    "/api/v1/twins",                                             Roles.TwinReaders, Touches.Nothing),
        new("GET",    "/api/v1/twins/{twinId}",                                    Roles.TwinReaders, Touches.Twin),
        new("PUT",    "/api/v1/twins/{twinId}",                                    Roles.Runners,   Touches.Twin, WhenAbsent.Creates),
        new("DELETE", "/api/v1/twins/{twinId}",                                    Roles.Runners,   Touches.Twin),
        new("PATCH",  "/api/v1/twins/{twinId}/reported",                           Roles.Runners,   Touches.Twin, Devices: Devices.OwnTwin),
        new("PATCH",  "/api/v1/twins/{twinId}/desired",                            Roles.Runners,   Touches.Twin),
        new("POST",   "/api/v1/twins/{twinId}/readings",                           Roles.Runners,   Touches.Twin),
        new("GET",    "/api/v1/twins/{twinId}/history",                            Roles.TwinReaders, Touches.Twin),
        new("POST",   "/api/v1/twins/{twinId}/commands/{name}",                    Roles.Runners,   Touches.Twin),

        // Relationships between two twins of one tenant.
        new("GET",    "/api/v1/twins/{twinId}/relationships",                      Roles.TwinReaders, Touches.Twin),
        new("GET",    "/api/v1/twins/{twinId}/graph",                              Roles.TwinReaders, Touches.Twin),
        new("GET",    "/api/v1/twins/{twinId}/relationships/{name}/{targetId}",    Roles.TwinReaders, Touches.Relationship),
        new("PUT",    "/api/v1/twins/{twinId}/relationships/{name}/{targetId}",    Roles.Runners,   Touches.Relationship),
        new("DELETE", "/api/v1/twins/{twinId}/relationships/{name}/{targetId}",    Roles.Runners,   Touches.Relationship),

        // Device identities are credentials: operators and auditors see them, only admins issue, change or revoke them.
        new("GET",    "/api/v1/devices",                                           Roles.DeviceReaders, Touches.Nothing),
        new("POST",   "/api/v1/devices",                                           Roles.Admin,     Touches.Twin, WhenAbsent.InvalidBody),
        new("GET",    "/api/v1/devices/{deviceId}",                                Roles.DeviceReaders, Touches.Device),
        new("DELETE", "/api/v1/devices/{deviceId}",                                Roles.Admin,     Touches.Device),
        new("POST",   "/api/v1/devices/{deviceId}/disable",                        Roles.Admin,     Touches.Device),
        new("POST",   "/api/v1/devices/{deviceId}/enable",                         Roles.Admin,     Touches.Device),
        new("POST",   "/api/v1/devices/{deviceId}/rotate",                         Roles.Admin,     Touches.Device),
        new("PUT",    "/api/v1/devices/{deviceId}/signing",                        Roles.Admin,     Touches.Device),
        new("DELETE", "/api/v1/devices/{deviceId}/signing",                        Roles.Admin,     Touches.Device),

        // Quarantined readings: analysts see what was held, operators decide on it.
        new("GET",    "/api/v1/quarantine",                                        Roles.IntegrityReaders, Touches.Nothing),
        new("GET",    "/api/v1/quarantine/{quarantineId}",                         Roles.IntegrityReaders, Touches.QuarantinedReading),
        new("POST",   "/api/v1/quarantine/{quarantineId}/release",                 Roles.Runners,   Touches.QuarantinedReading),
        new("POST",   "/api/v1/quarantine/{quarantineId}/discard",                 Roles.Runners,   Touches.QuarantinedReading),
        new("GET",    "/api/v1/twins/{twinId}/signals",                            Roles.IntegrityReaders, Touches.Twin),

        // Connectors hold another system's credentials (admins only); the audit log is for auditors and admins.
        new("GET",    "/api/v1/connectors",                                        Roles.Admin,     Touches.Nothing),
        new("GET",    "/api/v1/connectors/{connectorId}",                          Roles.Admin,     Touches.Connector),
        new("PUT",    "/api/v1/connectors/{connectorId}",                          Roles.Admin,     Touches.Connector, WhenAbsent.Creates),
        new("DELETE", "/api/v1/connectors/{connectorId}",                          Roles.Admin,     Touches.Connector),
        new("POST",   "/api/v1/connectors/{connectorId}/run",                      Roles.Admin,     Touches.Connector),
        new("GET",    "/api/v1/audit",                                             Roles.AuditReaders, Touches.Nothing),
        new("GET",    "/api/v1/audit/{sequence}/proof",                            Roles.AuditReaders, Touches.AuditEntry),

        // The tenant's access policy: auditors read who may do what, only admins change it.
        new("GET",    "/api/v1/access/policy",                                     Roles.AuditReaders, Touches.Nothing),
        new("PUT",    "/api/v1/access/policy",                                     Roles.Admin,     Touches.Nothing),

        // API keys are credentials: admins issue and revoke them (never beyond their own access), admins and auditors see them.
        new("GET",    "/api/v1/apikeys",                                           Roles.AuditReaders, Touches.Nothing),
        new("POST",   "/api/v1/apikeys",                                           Roles.Admin,     Touches.Nothing),
        new("GET",    "/api/v1/apikeys/{keyId}",                                   Roles.AuditReaders, Touches.ApiKey),
        new("POST",   "/api/v1/apikeys/{keyId}/revoke",                            Roles.Admin,     Touches.ApiKey),

        // The platform administrator's own surface, which no tenant principal reaches; it holds no tenant's data.
        new("GET",    "/api/v1/platform/tenants",                                  Roles.Platform,  Touches.Nothing),
        new("POST",   "/api/v1/platform/tenants",                                  Roles.Platform,  Touches.Nothing),
        new("POST",   "/api/v1/platform/tenants/{tenantId}/break-glass",           Roles.Platform,  Touches.Tenant),

        // Identity providers decide who may sign in as whom: admins configure them, auditors see who holds which rights.
        new("GET",    "/api/v1/identity-providers",                                Roles.AuditReaders, Touches.Nothing),
        new("GET",    "/api/v1/identity-providers/{providerId}",                   Roles.AuditReaders, Touches.IdentityProvider),
        new("PUT",    "/api/v1/identity-providers/{providerId}",                   Roles.Admin,     Touches.IdentityProvider, WhenAbsent.Creates),
        new("DELETE", "/api/v1/identity-providers/{providerId}",                   Roles.Admin,     Touches.IdentityProvider),
        // Signing in is open to anyone: the body's credentials decide (CON-3). Any principal may ask who it is and sign out.
        new("POST",   "/api/v1/sessions",                                          Roles.Anonymous, Touches.Nothing),
        new("GET",    "/api/v1/sessions/current",                                  Roles.Anyone,    Touches.Nothing),
        new("DELETE", "/api/v1/sessions/current",                                  Roles.Anyone,    Touches.Nothing),

        // Local users are principals: auditors and admins see them (as they read the audit log), only admins add, delete and enrol them;
        // a user's own password is changed by that user alone, signed in.
        new("GET",    "/api/v1/users",                                             Roles.AuditReaders, Touches.Nothing),
        new("POST",   "/api/v1/users",                                             Roles.Admin,     Touches.Nothing),
        new("GET",    "/api/v1/users/{username}",                                  Roles.AuditReaders, Touches.User),
        new("DELETE", "/api/v1/users/{username}",                                  Roles.Admin,     Touches.User),
        new("POST",   "/api/v1/users/{username}/totp",                             Roles.Admin,     Touches.User),
        new("POST",   "/api/v1/users/{username}/totp/confirm",                     Roles.Admin,     Touches.User),
        new("PUT",    "/api/v1/users/{username}/password",                         Roles.SignedInUser, Touches.User),
    ];
}
