namespace Mirrorspace.Runtime.Ingestion;

/// <summary>One message from a device or a batch file: a JSON merge patch of the twin's reported state.</summary>
/// <param name="Source">Who sent it and over what, e.g. <c>mqtt:dev-1a2b</c> or <c>sftp:conn-7:readings.csv#12</c>; kept with the event.</param>
public sealed record Reading(string TenantId, string TwinId, string PatchJson, string Source, ReadingChannel Channel);
