namespace Mirrorspace.Runtime.Twins;

[GenerateSerializer]
public enum TwinOutcome
{
    Ok = 0,
    Created = 1,
    NotFound = 2,

    /// <summary>The caller's expected version (If-Match) is not the current one.</summary>
    PreconditionFailed = 3,

    /// <summary>The request contradicts the twin as it is (e.g. another model).</summary>
    Conflict = 4,

    /// <summary>The request failed validation; see the errors.</summary>
    Invalid = 5,
}
