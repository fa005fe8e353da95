namespace Mirrorspace.Domain.Integrity;

/// <summary>One check that fired on one reading: which property, what it found, and what became of the value.</summary>
public sealed record Finding(SignalKind Kind, string? Property, Verdict Verdict, string Detail);
