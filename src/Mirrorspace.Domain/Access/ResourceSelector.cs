using System.Diagnostics.CodeAnalysis;
using Mirrorspace.Domain.Common;

namespace Mirrorspace.Domain.Access;

/// <summary>How wide a selector reaches, from the whole tenant to one twin.</summary>
public enum SelectorScope
{
    Tenant = 0,
    Model = 1,
    Twin = 2,
}

/// <summary>
/// What a policy entry or a key's scope applies to: <c>*</c> (the tenant), <c>model:ID</c> or <c>twin:ID</c>,
/// optionally narrowed to one property with <c>/NAME</c> (<c>model:patient-monitor/heartRate</c>, <c>*/operatorName</c>).
/// </summary>
public sealed record ResourceSelector(SelectorScope Scope, string? Id, string? Property)
{
    public const string Everything = "*";

    /// <summary>
    /// Deeper selectors decide over wider ones: a twin over its model over the tenant, and any property
    /// selector over every whole-twin selector, so a revoke on one property survives a grant on its twin.
    /// </summary>
    public int Specificity => (int)Scope + (Property is null ? 0 : 3);

    /// <summary>Whether the selector covers the twin (or, with <paramref name="property"/>, that property of it); null twin means the tenant itself.</summary>
    public bool Matches(TwinResource? twin, string? property)
    {
        if (Property is not null && !string.Equals(Property, property, StringComparison.Ordinal))
        {
            return false;
        }

        return Scope switch
        {
            SelectorScope.Tenant => true,
            SelectorScope.Model => twin is not null && string.Equals(Id, twin.ModelId, StringComparison.Ordinal),
            _ => twin is not null && string.Equals(Id, twin.TwinId, StringComparison.Ordinal),
        };
    }

    public override string ToString()
    {
        var target = Scope switch
        {
            SelectorScope.Tenant => Everything,
            SelectorScope.Model => $"model:{Id}",
            _ => $"twin:{Id}",
        };
        return Property is null ? target : $"{target}/{Property}";
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out ResourceSelector? selector, out string? error)
    {
        selector = null;
        error = null;
        if (string.IsNullOrEmpty(text) || text.Length > 300)
        {
            error = "A selector is '*', 'model:ID' or 'twin:ID', optionally followed by '/PROPERTY'.";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var target = slash < 0 ? text : text[..slash];
        var property = slash < 0 ? null : text[(slash + 1)..];
        if (property is not null && !Identifiers.IsValidName(property))
        {
            error = $"'{property}' is not a property name.";
            return false;
        }

        if (target == Everything)
        {
            selector = new ResourceSelector(SelectorScope.Tenant, null, property);
            return true;
        }

        if (target.StartsWith("model:", StringComparison.Ordinal) && Identifiers.IsValidModelId(target[6..]))
        {
            selector = new ResourceSelector(SelectorScope.Model, target[6..], property);
            return true;
        }

        if (target.StartsWith("twin:", StringComparison.Ordinal) && Identifiers.IsValidTwinId(target[5..]))
        {
            selector = new ResourceSelector(SelectorScope.Twin, target[5..], property);
            return true;
        }

        error = $"'{text}' is not a selector: use '*', 'model:ID' or 'twin:ID', optionally followed by '/PROPERTY'.";
        return false;
    }
}
