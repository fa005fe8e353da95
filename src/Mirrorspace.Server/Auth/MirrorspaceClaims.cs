namespace Mirrorspace.Server.Auth;

internal static class MirrorspaceClaims
{
    public const string Tenant = "mirrorspace:tenant";
    public const string Role = "mirrorspace:role";
    public const string KeyId = "mirrorspace:key";

    /// <summary>The device a device principal is, and the one twin it reports for.</summary>
    public const string Device = "mirrorspace:device";
    public const string Twin = "mirrorspace:twin";

    /// <summary>Not a tenant role: no role policy accepts it, only <see cref="Policies.ReportState"/>.</summary>
    public const string DeviceRole = "device";
}
