namespace Mirrorspace.Server.Tests.Authorization;

/// <summary>The least API key role an endpoint accepts; each role includes the ones before it.</summary>
public enum Least
{
    Anonymous,
    Viewer,
    Operator,
    Admin,
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
    string Method, string Route, Least Least, Touches Touches, WhenAbsent WhenAbsent = WhenAbsent.NotFound, Devices Devices = Devices.No)
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
        new("ANY",    "/health",                                                   Least.Anonymous, Touches.Nothing),
        new("GET",    "/scalar/favicon.svg",                                       Least.Anonymous, Touches.Nothing),
        new("GET",    "/scalar/scalar.aspnetcore.js",                              Least.Anonymous, Touches.Nothing),
        new("GET",    "/scalar/scalar.js",                                         Least.Anonymous, Touches.Nothing),

        // The API reference describes the API, so it needs a key like the API does (SHR-1).
        new("GET",    "/openapi/{documentName}.json",                              Least.Viewer,    Touches.Nothing),
        new("GET",    "/scalar/{documentName?}",                                   Least.Viewer,    Touches.Nothing),

        // Models: everyone reads them, only admins publish.
        new("GET",    "/api/v1/models",                                            Least.Viewer,    Touches.Nothing),
        new("GET",    "/api/v1/models/{modelId}",                                  Least.Viewer,    Touches.Model),
        new("PUT",    "/api/v1/models/{modelId}",                                  Least.Admin,     Touches.Model, WhenAbsent.Creates),

        // Twins and their state: viewers read, operators change; a device only reports its own twin's state.
        new("GET",    "/api/v1/twins",                                             Least.Viewer,    Touches.Nothing),
        new("GET",    "/api/v1/twins/{twinId}",                                    Least.Viewer,    Touches.Twin),
        new("PUT",    "/api/v1/twins/{twinId}",                                    Least.Operator,  Touches.Twin, WhenAbsent.Creates),
        new("DELETE", "/api/v1/twins/{twinId}",                                    Least.Operator,  Touches.Twin),
        new("PATCH",  "/api/v1/twins/{twinId}/reported",                           Least.Operator,  Touches.Twin, Devices: Devices.OwnTwin),
        new("PATCH",  "/api/v1/twins/{twinId}/desired",                            Least.Operator,  Touches.Twin),
        new("GET",    "/api/v1/twins/{twinId}/history",                            Least.Viewer,    Touches.Twin),
        new("POST",   "/api/v1/twins/{twinId}/commands/{name}",                    Least.Operator,  Touches.Twin),

        // Relationships between two twins of one tenant.
        new("GET",    "/api/v1/twins/{twinId}/relationships",                      Least.Viewer,    Touches.Twin),
        new("GET",    "/api/v1/twins/{twinId}/graph",                              Least.Viewer,    Touches.Twin),
        new("GET",    "/api/v1/twins/{twinId}/relationships/{name}/{targetId}",    Least.Viewer,    Touches.Relationship),
        new("PUT",    "/api/v1/twins/{twinId}/relationships/{name}/{targetId}",    Least.Operator,  Touches.Relationship),
        new("DELETE", "/api/v1/twins/{twinId}/relationships/{name}/{targetId}",    Least.Operator,  Touches.Relationship),

        // Device identities are credentials: operators see them, only admins issue, change or revoke them.
        new("GET",    "/api/v1/devices",                                           Least.Operator,  Touches.Nothing),
        new("POST",   "/api/v1/devices",                                           Least.Admin,     Touches.Twin, WhenAbsent.InvalidBody),
        new("GET",    "/api/v1/devices/{deviceId}",                                Least.Operator,  Touches.Device),
        new("DELETE", "/api/v1/devices/{deviceId}",                                Least.Admin,     Touches.Device),
        new("POST",   "/api/v1/devices/{deviceId}/disable",                        Least.Admin,     Touches.Device),
        new("POST",   "/api/v1/devices/{deviceId}/enable",                         Least.Admin,     Touches.Device),
        new("POST",   "/api/v1/devices/{deviceId}/rotate",                         Least.Admin,     Touches.Device),
        new("PUT",    "/api/v1/devices/{deviceId}/signing",                        Least.Admin,     Touches.Device),
        new("DELETE", "/api/v1/devices/{deviceId}/signing",                        Least.Admin,     Touches.Device),

        // Quarantined readings: viewers see what was held, operators decide on it.
        new("GET",    "/api/v1/quarantine",                                        Least.Viewer,    Touches.Nothing),
        new("GET",    "/api/v1/quarantine/{quarantineId}",                         Least.Viewer,    Touches.QuarantinedReading),
        new("POST",   "/api/v1/quarantine/{quarantineId}/release",                 Least.Operator,  Touches.QuarantinedReading),
        new("POST",   "/api/v1/quarantine/{quarantineId}/discard",                 Least.Operator,  Touches.QuarantinedReading),
        new("GET",    "/api/v1/twins/{twinId}/signals",                            Least.Viewer,    Touches.Twin),

        // Connectors hold another system's credentials; the audit log is every security event of the tenant.
        new("GET",    "/api/v1/connectors",                                        Least.Admin,     Touches.Nothing),
        new("GET",    "/api/v1/connectors/{connectorId}",                          Least.Admin,     Touches.Connector),
        new("PUT",    "/api/v1/connectors/{connectorId}",                          Least.Admin,     Touches.Connector, WhenAbsent.Creates),
        new("DELETE", "/api/v1/connectors/{connectorId}",                          Least.Admin,     Touches.Connector),
        new("POST",   "/api/v1/connectors/{connectorId}/run",                      Least.Admin,     Touches.Connector),
        new("GET",    "/api/v1/audit",                                             Least.Admin,     Touches.Nothing),
        new("GET",    "/api/v1/audit/{sequence}/proof",                            Least.Admin,     Touches.AuditEntry),
    ];
}
