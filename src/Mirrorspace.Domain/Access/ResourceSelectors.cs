using Mirrorspace.Domain.Common;

namespace Mirrorspace.Domain.Access;

/// <summary>
/// The selectors that confine a credential to part of its tenant: <c>model:ID</c> (every twin of a model),
/// <c>twin:ID</c> (one twin), either narrowed to one property with <c>/NAME</c>, or <c>*/NAME</c> (one property
/// of every twin); the grammar is <see cref="ResourceSelector"/>'s. Checked when a credential is issued, so what
/// is stored is always well formed.
/// </summary>
public static class ResourceSelectors
{
    /// <summary>Enough for a credential confined to a site's twins; a longer list is a sign the role is wrong.</summary>
    public const int MaxCount = 64;

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
                errors.Add(new ValidationError($"{path}[{i}]", "Must be 'model:ID' or 'twin:ID' with a valid id, optionally followed by '/PROPERTY', or '*/PROPERTY'."));
            }
            else if (!seen.Add(selector))
            {
                errors.Add(new ValidationError($"{path}[{i}]", "Repeated."));
            }
        }

        return errors;
    }

    /// <summary>A selector that parses and narrows something: a bare <c>*</c> would confine a credential to nothing less than its tenant.</summary>
    public static bool IsValid(string? selector) =>
        ResourceSelector.TryParse(selector, out var parsed, out _) && (parsed.Scope is not SelectorScope.Tenant || parsed.Property is not null);
}
