namespace Mirrorspace.Storage.Records;

/// <summary>Which events of one twin to read, always in ascending version order.</summary>
public sealed record EventRange
{
    public static readonly EventRange All = new();

    /// <summary>Only events with a version greater than this.</summary>
    public long AfterVersion { get; init; }

    /// <summary>Inclusive lower time bound.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Inclusive upper time bound.</summary>
    public DateTimeOffset? To { get; init; }

    public int? Limit { get; init; }
}
