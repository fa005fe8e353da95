using Mirrorspace.Runtime.Twins;

namespace Mirrorspace.Server.Api.Common;

/// <summary>What became of a device's reading, for the device: the verdict, each value's that was not simply accepted, and why.</summary>
public sealed record ReadingVerdictDto(
    string Verdict,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyList<ReadingFindingDto> Findings,
    string? QuarantineId)
{
    public static ReadingVerdictDto From(ReadingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(
            result.Verdict,
            result.Properties,
            [.. result.Findings.Select(f => new ReadingFindingDto(f.Kind, f.Property, f.Verdict, f.Detail))],
            result.QuarantineId);
    }
}

public sealed record ReadingFindingDto(string Signal, string? Property, string Verdict, string Detail);
