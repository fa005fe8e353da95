namespace Mirrorspace.Storage.Connectors;

/// <summary>An enabled connector as the scheduler needs it: ids and interval only, no settings or secrets.</summary>
public sealed record ConnectorSchedule(string TenantId, string ConnectorId, TimeSpan Interval);
