using System.Globalization;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain.Tests.Twins;

/// <summary>Builds twin events for tests.</summary>
public static class TwinEvents
{
    public const string DeviceSource = "device:pump-1";
    public const string UserSource = "apikey:3f9a";

    public static TwinEvent Created(long version, DateTimeOffset timestamp, string modelId = "centrifugal-pump", int modelVersion = 1) =>
        Event(version, timestamp, TwinEventKind.Created, $$"""{"model":"{{modelId}}","modelVersion":{{modelVersion.ToString(CultureInfo.InvariantCulture)}}}""", UserSource);

    public static TwinEvent Reported(long version, DateTimeOffset timestamp, string patch, string source = DeviceSource) =>
        Event(version, timestamp, TwinEventKind.ReportedPatched, patch, source);

    public static TwinEvent Desired(long version, DateTimeOffset timestamp, string patch, string source = UserSource) =>
        Event(version, timestamp, TwinEventKind.DesiredPatched, patch, source);

    public static TwinEvent Deleted(long version, DateTimeOffset timestamp) =>
        Event(version, timestamp, TwinEventKind.Deleted, "{}", UserSource);

    public static TwinEvent Event(long version, DateTimeOffset timestamp, TwinEventKind kind, string payload, string source) =>
        new() { Version = version, Timestamp = timestamp, Kind = kind, Payload = payload, Source = source };
}
