namespace Mirrorspace.Runtime.Connections;

/// <summary>A twin's whole desired state after a durable change, for the connections that carry it to the device.</summary>
public sealed record DesiredStateChange(string TenantId, string TwinId, long Version, string DesiredJson);
