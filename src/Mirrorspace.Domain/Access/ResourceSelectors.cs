using Mirrorspace.Domain.Common;

namespace Mirrorspace.Domain.Access;

/// <summary>
/// The selectors that confine a credential to part of its tenant: <c>model:ID</c> (every twin of a model)
/// or <c>twin:ID</c> (one twin). Checked when a credential is issued, so what is stored is always well formed.
/// </summary>
public static class ResourceSelectors
{
    /// <summary>Enough for a credential confined to a site's twins; a longer list is a sign the role is wrong.</summary>
    public const int MaxCount = 64;

    public const string ModelPrefix = "model:";
    public const string TwinPrefix = "twin:";

    /// <summary>Every problem with the list, each located at <c>{path}[i]</c>.</summary>
    public static IReadOnlyList<ValidationError> Validate(IReadOnlyList<string> selectors, string path)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        var errors = new List<ValidationError>();
        if (selectors.Count > MaxCount)
        {
            errors.Add(new ValidationError(path, $"At most {MaxCount} selectors."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < selectors.Count; i++)
        {
            var selector = selectors[i];
            if (!IsValid(selector))
            {
                errors.Add(new ValidationError($"{path}[{i}]", "Must be 'model:ID' or 'twin:ID' with a valid id."));
            }
            else if (!seen.Add(selector))
            {
                errors.Add(new ValidationError($"{path}[{i}]", "Repeated."));
            }
        }

        return errors;
    }

    public static bool IsValid(string? selector) => selector switch
    {
        null => false,
        _ when selector.StartsWith(ModelPrefix, StringComparison.Ordinal) => Identifiers.IsValidModelId(selector[ModelPrefix.Length..]),
        _ when selector.StartsWith(TwinPrefix, StringComparison.Ordinal) => Identifiers.IsValidTwinId(selector[TwinPrefix.Length..]),
        _ => false,
    };
}
