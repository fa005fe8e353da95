namespace Mirrorspace.Server.Auth;

/// <summary>The claims every authenticated principal carries, whatever proved it (API key, session, OIDC token, device secret).</summary>
internal static class MirrorspaceClaims
{
    public const string Tenant = "mirrorspace:tenant";
    public const string Role = "mirrorspace:role";

    /// <summary>Who acted, as the audit log and history name it: <c>apikey:ID</c>, <c>breakglass:ID</c>, <c>platform:ID</c>, <c>user:NAME</c>, <c>oidc:PROVIDER:SUB</c>, <c>https:DEVICE</c>.</summary>
    public const string Principal = "mirrorspace:principal";

    /// <summary>The API key's id, when the principal is a key.</summary>
    public const string KeyId = "mirrorspace:key";

    /// <summary>The most sensitive data class the principal may read (see <c>DataClassification</c>).</summary>
    public const string Clearance = "mirrorspace:clearance";

    /// <summary>A purpose of use the credential itself declares (a token claim, or bound to a key); an <c>X-Purpose</c> header may declare one per request.</summary>
    public const string Purpose = "mirrorspace:purpose";

    /// <summary>A resource selector the credential is confined to (<c>model:ID</c>, <c>twin:ID</c>); none means the whole tenant.</summary>
    public const string Scope = "mirrorspace:scope";

    /// <summary>The device a device principal is, and the one twin it reports for.</summary>
    public const string Device = "mirrorspace:device";
    public const string Twin = "mirrorspace:twin";

    /// <summary>Not a tenant role: no role grants it anything, only <see cref="Policies.ReportState"/> lets it in.</summary>
    public const string DeviceRole = "device";

    /// <summary>Not a tenant role either, and the principal carries no tenant: only <see cref="Policies.PlatformAdmin"/> lets it in.</summary>
    public const string PlatformAdminRole = "platform-admin";
}
