namespace Mirrorspace.Server.Auth;

/// <summary>Authorization policy names: each role includes the rights of the roles below it.</summary>
internal static class Policies
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    /// <summary>Reporting state: operators and up, or a device for its own twin (the endpoint checks which twin).</summary>
    public const string ReportState = "report-state";
}
