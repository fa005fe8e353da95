namespace Mirrorspace.Runtime.Audit;

/// <summary>The actions the node records, spelled once.</summary>
public static class AuditActions
{
    /// <summary>A well-formed API key was presented and refused (unknown, wrong secret or expired).</summary>
    public const string AuthReject = "auth.reject";

    /// <summary>A data subject's key was destroyed (crypto-shredding).</summary>
    public const string SubjectErase = "subject.erase";
}
