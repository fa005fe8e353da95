using Mirrorspace.Domain.Common;

namespace Mirrorspace.Domain.Twins;

/// <summary>What checking a reported patch against the model found: malformed values, and implausible ones.</summary>
public sealed record ReportedCheck(IReadOnlyList<ValidationError> Errors, IReadOnlyList<ImplausibleValue> Implausible);

/// <summary>A well-formed value the physical entity cannot have.</summary>
public sealed record ImplausibleValue(string Property, ImplausibleKind Kind, string Message);

public enum ImplausibleKind
{
    /// <summary>Below the model's minimum or above its maximum.</summary>
    OutOfBounds,

    /// <summary>Changed faster than the model's max rate of change since the last reading.</summary>
    RateOfChange,
}
