using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Authorization;

/// <summary>
/// How the matrix calls one endpoint: the path (the route with its non-object parameters chosen), and a
/// body the endpoint accepts, so that an allowed caller gets a 2xx rather than a 400. Object parameters
/// (<see cref="MatrixObjects.Parameters"/>) stay as placeholders in the path and the body.
/// </summary>
/// <param name="FreshObjects">
/// Each case gets objects of its own, made before the run: the call deletes its object, or creates one
/// whose id would then exist in a tenant where other cases expect it absent.
/// </param>
public sealed record RequestRecipe(
    string Method, string Route, string? Path = null, string? Body = null, string ContentType = "application/json", bool FreshObjects = false)
{
    public string Key => $"{Method} {Route}";

    public string PathTemplate => Path ?? Route;

    /// <summary>An endpoint for every method is called with GET.</summary>
    public string SendMethod => Method == EndpointInventory.AnyMethod ? "GET" : Method;
}

/// <summary>One recipe per oracle row; a row without one fails the matrix.</summary>
public static class EndpointRequests
{
    private const string MergePatch = HttpClientExtensions.MergePatch;

    /// <summary>
    /// An SFTP connector that never reaches a server: nothing listens on port 1 of the loopback, so a run
    /// ends at once, refused, and still answers 200 with the run's result.
    /// </summary>
    public static readonly string ConnectorBody = $$"""
        {"host":"127.0.0.1","port":1,"user":"matrix","password":"matrix-password","hostKeyFingerprint":"SHA256:{{new string('A', 43)}}",
         "remoteFolder":"/in","filePattern":"*.csv","format":"csv","interval":"PT1H","enabled":false}
        """;

    /// <summary>
    /// An identity provider whose audience is made from its id: every case puts a fresh or absent id, so no two
    /// cases claim the same issuer and audience (which the node refuses with 409). The fixtures use another audience.
    /// </summary>
    public const string ProviderBody = """
        {"issuer":"https://matrix-issuer.example/","audience":"matrix-{providerId}","jwksUri":"https://matrix-issuer.example/jwks",
         "algorithms":["RS256"],"roleClaim":"groups","roles":[{"value":"matrix-admins","role":"admin","clearance":"proprietary"}]}
        """;

    public static IReadOnlyList<RequestRecipe> All { get; } =
    [
        new("ANY",    "/health"),
        new("GET",    "/scalar/favicon.svg"),
        new("GET",    "/scalar/scalar.aspnetcore.js"),
        new("GET",    "/scalar/scalar.js"),
        new("GET",    "/openapi/{documentName}.json", Path: "/openapi/v1.json"),

        // "/scalar" itself redirects to "/scalar/", which is the page.
        new("GET",    "/scalar/{documentName?}", Path: "/scalar/"),

        new("GET",    "/api/v1/models"),
        new("GET",    "/api/v1/models/{modelId}"),
        new("PUT",    "/api/v1/models/{modelId}", Body: ModelDocuments.Json("{modelId}"), FreshObjects: true),

        new("GET",    "/api/v1/twins"),
        new("GET",    "/api/v1/twins/{twinId}"),
        new("PUT",    "/api/v1/twins/{twinId}", Body: $$"""{"model":"{{SampleModels.CentrifugalPump}}"}""", FreshObjects: true),
        new("DELETE", "/api/v1/twins/{twinId}", FreshObjects: true),
        new("PATCH",  "/api/v1/twins/{twinId}/reported", Body: """{"vibration":3}""", ContentType: MergePatch),
        new("PATCH",  "/api/v1/twins/{twinId}/desired", Body: """{"speed":900}""", ContentType: MergePatch),
        new("POST",   "/api/v1/twins/{twinId}/readings", Body: """[{"vibration":3},{"vibration":3.5}]"""),
        new("GET",    "/api/v1/twins/{twinId}/history"),
        new("POST",   "/api/v1/twins/{twinId}/commands/{name}", Path: "/api/v1/twins/{twinId}/commands/restart", Body: "{}"),

        new("GET",    "/api/v1/twins/{twinId}/relationships"),
        new("GET",    "/api/v1/twins/{twinId}/graph"),
        new("GET",    "/api/v1/twins/{twinId}/relationships/{name}/{targetId}", Path: "/api/v1/twins/{twinId}/relationships/feeds/{targetId}"),
        new("PUT",    "/api/v1/twins/{twinId}/relationships/{name}/{targetId}", Path: "/api/v1/twins/{twinId}/relationships/feeds/{targetId}"),
        new("DELETE", "/api/v1/twins/{twinId}/relationships/{name}/{targetId}", Path: "/api/v1/twins/{twinId}/relationships/feeds/{targetId}", FreshObjects: true),

        new("GET",    "/api/v1/devices"),
        new("POST",   "/api/v1/devices", Body: """{"twinId":"{twinId}"}"""),
        new("GET",    "/api/v1/devices/{deviceId}"),
        new("DELETE", "/api/v1/devices/{deviceId}", FreshObjects: true),
        new("POST",   "/api/v1/devices/{deviceId}/disable"),
        new("POST",   "/api/v1/devices/{deviceId}/enable"),
        new("POST",   "/api/v1/devices/{deviceId}/rotate"),
        new("PUT",    "/api/v1/devices/{deviceId}/signing", Body: """{"algorithm":"HS256"}"""),
        new("DELETE", "/api/v1/devices/{deviceId}/signing"),
        new("GET",    "/api/v1/quarantine"),
        new("GET",    "/api/v1/quarantine/{quarantineId}"),
        new("POST",   "/api/v1/quarantine/{quarantineId}/release", FreshObjects: true),
        new("POST",   "/api/v1/quarantine/{quarantineId}/discard", FreshObjects: true),
        new("GET",    "/api/v1/twins/{twinId}/signals"),

        new("GET",    "/api/v1/connectors"),
        new("GET",    "/api/v1/connectors/{connectorId}"),
        new("PUT",    "/api/v1/connectors/{connectorId}", Body: ConnectorBody, FreshObjects: true),
        new("DELETE", "/api/v1/connectors/{connectorId}", FreshObjects: true),
        new("POST",   "/api/v1/connectors/{connectorId}/run"),
        new("GET",    "/api/v1/audit"),
        new("GET",    "/api/v1/audit/{sequence}/proof"),

        new("GET",    "/api/v1/access/policy"),
        new("PUT",    "/api/v1/access/policy", Body: """{"purposes":["care"],"purposeOfUse":{"health":["care"]}}"""),
        new("GET",    "/api/v1/apikeys"),
        new("POST",   "/api/v1/apikeys", Body: """{"role":"viewer","lifetime":"P1D","description":"matrix"}"""),
        new("GET",    "/api/v1/apikeys/{keyId}"),
        new("POST",   "/api/v1/apikeys/{keyId}/revoke", FreshObjects: true),

        // Each creation names a tenant of its own: a second one with the same id would be a 409.
        new("GET",    "/api/v1/platform/tenants"),
        new("POST",   "/api/v1/platform/tenants", Body: $$"""{"name":"Matrix {{{MatrixObjects.Unique}}}"}"""),
        new("POST",   "/api/v1/platform/tenants/{tenantId}/break-glass", Body: """{"reason":"matrix: reviewing the pump twins after an alert","lifetime":"PT1H"}"""),
        new("GET",    "/api/v1/identity-providers"),
        new("GET",    "/api/v1/identity-providers/{providerId}"),
        new("PUT",    "/api/v1/identity-providers/{providerId}", Body: ProviderBody, FreshObjects: true),
        new("DELETE", "/api/v1/identity-providers/{providerId}", FreshObjects: true),

        // Every caller signs in as the tenant's standing sign-in user: the credentials are in the body, whoever sends it.
        new("POST",   "/api/v1/sessions", Body: $$"""{"tenant":"{{MatrixObjects.TenantValue}}","username":"{{MatrixObjects.SignInUser}}","password":"{{MatrixObjects.UserPassword}}"}"""),
        new("GET",    "/api/v1/sessions/current"),
        new("DELETE", "/api/v1/sessions/current"),
        new("GET",    "/api/v1/users"),

        // One name per tenant: only that tenant's admin gets to create it, once.
        new("POST",   "/api/v1/users", Body: $$"""{"username":"matrix-created","password":"{{MatrixObjects.UserPassword}}","role":"viewer"}"""),
        new("GET",    "/api/v1/users/{username}"),
        new("DELETE", "/api/v1/users/{username}", FreshObjects: true),
        new("POST",   "/api/v1/users/{username}/totp"),

        // A fresh user enrolled for each case, and a current code of its secret (the matrix node's clock stands still).
        new("POST",   "/api/v1/users/{username}/totp/confirm", Body: $$"""{"code":"{{MatrixObjects.TotpCodeValue}}"}""", FreshObjects: true),
        new("PUT",    "/api/v1/users/{username}/password", Body: $$"""{"currentPassword":"{{MatrixObjects.UserPassword}}","newPassword":"matrix-new-password-1"}"""),
    ];
}
