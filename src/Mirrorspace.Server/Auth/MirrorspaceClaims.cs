namespace Mirrorspace.Server.Auth;

internal static class MirrorspaceClaims
{
    public const string Tenant = "mirrorspace:tenant";
    public const string Role = "mirrorspace:role";
    public const string KeyId = "mirrorspace:key";
}
