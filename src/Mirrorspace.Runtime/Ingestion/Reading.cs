namespace Mirrorspace.Runtime.Ingestion;

/// <summary>One message from a device or a batch file, as it arrived.</summary>
/// <param name="Payload">A JSON merge patch of the twin's reported state, or, from a device that signs, a JWS compact serialization of a <see cref="SignedReading"/>.</param>
/// <param name="Source">Who sent it and over what, e.g. <c>mqtt:dev-1a2b</c> or <c>sftp:conn-7:readings.csv#12</c>; kept with the event.</param>
/// <param name="DeviceId">The authenticated device that sent it; null for batch files, which have no device identity.</param>
public sealed record Reading(string TenantId, string TwinId, string Payload, string Source, ReadingChannel Channel, string? DeviceId = null);
