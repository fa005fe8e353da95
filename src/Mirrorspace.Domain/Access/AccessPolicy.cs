using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Access;

/// <summary>
/// A tenant's access policy: the purposes of use it recognises, which of them allow reading personal and
/// health values, and custom entries that grant or revoke on top of the roles. The empty policy allows
/// no purpose at all, so nobody reads personal or health values until an admin says for what.
/// </summary>
public sealed record AccessPolicy(
    IReadOnlyList<string> Purposes,
    IReadOnlyDictionary<DataClassification, IReadOnlySet<string>> PurposesByClass,
    IReadOnlyList<PolicyEntry> Entries)
{
    public static AccessPolicy Empty { get; } = new([], new Dictionary<DataClassification, IReadOnlySet<string>>(), []);

    public bool Recognises(string purpose) => Purposes.Contains(purpose, StringComparer.Ordinal);

    /// <summary>Whether a value of <paramref name="classification"/> may be read for <paramref name="purpose"/> (always, for classes that need none).</summary>
    public bool AllowsPurpose(DataClassification classification, string? purpose) =>
        !DataClassifications.NeedsPurpose(classification)
        || (purpose is not null && PurposesByClass.TryGetValue(classification, out var allowed) && allowed.Contains(purpose));
}
