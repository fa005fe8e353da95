using System.Text.Json.Nodes;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Storage.Integrity;

namespace Mirrorspace.Server.Api.Features.Integrity;

/// <summary>
/// A held reading as the API shows it. <see cref="Values"/>, <see cref="Reasons"/> and
/// <see cref="Source"/> are absent when <see cref="Erased"/>: they belonged to a data subject who has
/// been erased, and the entry can only be discarded.
/// </summary>
public sealed record QuarantineEntryDto(
    string Id,
    string TwinId,
    string? DeviceId,
    DateTimeOffset ReceivedAt,
    QuarantineState State,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    JsonObject? Values,
    IReadOnlyList<HeldReason> Reasons,
    string? Source,
    bool Erased)
{
    public static QuarantineEntryDto From(QuarantineRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var held = record.Erased ? null : HeldDocument.Read(record.Document);
        return new(
            record.QuarantineId,
            record.TwinId,
            record.DeviceId,
            record.ReceivedAt,
            record.State,
            record.DecidedAt,
            record.DecidedBy,
            held?.Values,
            held?.Reasons ?? [],
            held?.Source,
            record.Erased);
    }
}

/// <summary>One thing the ingestion pipeline noticed about a twin's data; <see cref="Id"/> orders the feed.</summary>
public sealed record SignalDto(long Id, DateTimeOffset At, string Kind, string? Property, string? DeviceId, string Verdict, string Detail)
{
    public static SignalDto From(SignalRecord signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return new(signal.SignalId, signal.At, signal.Kind, signal.Property, signal.DeviceId, signal.Verdict, signal.Detail);
    }
}

/// <summary>
/// A page of a twin's signals, oldest first. <see cref="Next"/> is the last id handed out (or the
/// <c>after</c> asked for, when nothing newer exists): pass it as <c>after</c> to read on, or to poll.
/// </summary>
public sealed record SignalFeedDto(IReadOnlyList<SignalDto> Items, long Next);
