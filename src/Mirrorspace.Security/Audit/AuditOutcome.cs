namespace Mirrorspace.Security.Audit;

/// <summary>How the audited action ended. The numeric values are never stored: the canonical form spells the name.</summary>
public enum AuditOutcome
{
    Success = 0,
    Denied = 1,
    Failed = 2,
}
