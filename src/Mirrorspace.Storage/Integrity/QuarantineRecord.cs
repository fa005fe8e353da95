namespace Mirrorspace.Storage.Integrity;

/// <summary>
/// The part of one reading that was kept aside instead of applied: its values, why each was held,
/// and who sent it. <see cref="Document"/> holds values and is sealed at rest like the history.
/// </summary>
public sealed record QuarantineRecord
{
    /// <summary><c>q-</c> and 16 hex digits, unique per node.</summary>
    public required string QuarantineId { get; init; }

    public required string TenantId { get; init; }

    public required string TwinId { get; init; }

    /// <summary>The device that sent it, when a device did (SFTP batches have none).</summary>
    public string? DeviceId { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>JSON <c>QuarantineDocument</c>: the held merge patch, the reasons and the source.</summary>
    public required string Document { get; init; }

    public QuarantineState State { get; init; } = QuarantineState.Held;

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Who released or discarded it, e.g. <c>apikey:3f9a…</c>.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>Set when the document was sealed with a data subject's key and that subject has been erased.</summary>
    public bool Erased { get; init; }
}
