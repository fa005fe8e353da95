namespace Mirrorspace.Domain.Access;

/// <summary>
/// What a principal may do in its tenant. Each write is its own permission and never implies a read
/// (Ditto's rule): a key that may set desired state sees only what it may also read.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A permission is what the security model calls it; it is not a .NET permission type.")]
public enum Permission
{
    /// <summary>Read model documents.</summary>
    ReadModels,

    /// <summary>Publish model versions.</summary>
    ManageModels,

    /// <summary>Read twins: state, history, relationships and the graph, as far as clearance and purpose allow.</summary>
    ReadTwins,

    /// <summary>Create and delete twins and link them.</summary>
    ManageTwins,

    /// <summary>Report state as a person or a service (devices report with their own credential).</summary>
    ReportState,

    /// <summary>Set desired state and send commands to devices.</summary>
    WriteDesired,

    /// <summary>Read what integrity checks held or raised: quarantined readings and signals.</summary>
    ReadIntegrity,

    /// <summary>Release or discard quarantined readings.</summary>
    ReviewQuarantine,

    /// <summary>See device identities and their counters.</summary>
    ReadDevices,

    /// <summary>Issue, change and revoke device credentials.</summary>
    ManageDevices,

    /// <summary>Define, run and delete batch connectors, which hold another system's credentials.</summary>
    ManageConnectors,

    /// <summary>Grant, change and revoke shares with other tenants.</summary>
    ManageShares,

    /// <summary>Read and verify the tenant's audit log.</summary>
    ReadAudit,

    /// <summary>See the tenant's principals and policies: API keys, users, identity providers, the access policy.</summary>
    ReadAccess,

    /// <summary>Issue and revoke API keys, manage users, identity providers and the access policy.</summary>
    ManageAccess,
}
