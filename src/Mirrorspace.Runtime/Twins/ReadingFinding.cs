namespace Mirrorspace.Runtime.Twins;

/// <summary>One check that fired on a reading (see <c>Finding</c> in the domain), as grains pass it on.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ReadingFinding(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? Property,
    [property: Id(2)] string Verdict,
    [property: Id(3)] string Detail);
