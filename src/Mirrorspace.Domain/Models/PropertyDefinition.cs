namespace Mirrorspace.Domain.Models;

public sealed record PropertyDefinition
{
    public required string Name { get; init; }

    public required PropertyType Type { get; init; }

    public string? Unit { get; init; }

    public string? Description { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    /// <summary>Largest physically plausible change per second, in the property's unit.</summary>
    public double? MaxRateOfChange { get; init; }

    public IReadOnlyList<string> EnumValues { get; init; } = [];

    public DataClassification Classification { get; init; } = DataClassification.Proprietary;

    /// <summary>Whether users and services may set this property as desired state.</summary>
    public bool Writable { get; init; }

    /// <summary>Telemetry is a stream of readings; properties are state. Both are reported and validated alike.</summary>
    public bool IsTelemetry { get; init; }

    public required SyncContract Sync { get; init; }

    /// <summary>Statistical checks on this property's readings; <see cref="PropertyIntegrity.None"/> for non-numeric types.</summary>
    public PropertyIntegrity Integrity { get; init; } = PropertyIntegrity.None;
}
