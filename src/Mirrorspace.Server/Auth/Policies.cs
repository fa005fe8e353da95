namespace Mirrorspace.Server.Auth;

/// <summary>Authorization policy names: each role includes the rights of the roles below it.</summary>
internal static class Policies
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";
}
