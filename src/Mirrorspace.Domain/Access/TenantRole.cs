namespace Mirrorspace.Domain.Access;

/// <summary>The roles a principal holds within one tenant; <see cref="RolePermissions"/> says what each may do.</summary>
public enum TenantRole
{
    /// <summary>Reads models and twins.</summary>
    Viewer,

    /// <summary>A viewer who also studies what integrity checks held or raised.</summary>
    Analyst,

    /// <summary>Runs the twins: creates and links them, sets desired state, decides on quarantined readings.</summary>
    Operator,

    /// <summary>Reads the audit log and who holds which rights, and nothing of the twins' state.</summary>
    Auditor,

    /// <summary>Everything in the tenant: models, devices, connectors, shares, access.</summary>
    Admin,
}
