namespace Mirrorspace.Domain.Twins;

public sealed record PropertyMetadata
{
    public required DateTimeOffset LastUpdated { get; init; }

    /// <summary>Who set the value, e.g. <c>apikey:3f9a…</c> or <c>device:pump-1</c>.</summary>
    public required string Source { get; init; }

    public required long Version { get; init; }

    public PropertyQuality Quality { get; init; } = PropertyQuality.Good;
}
