using Mirrorspace.Domain.Common;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Access;

/// <summary>
/// What a credential lets its holder do: a role, the most sensitive data class it reads, a purpose of use
/// it is bound to (null: each request declares one), and the selectors it is confined to (none: the whole tenant).
/// </summary>
public sealed record AccessGrant(TenantRole Role, DataClassification Clearance, string? Purpose, IReadOnlyList<string> Scopes)
{
    /// <summary>
    /// Where <paramref name="requested"/> reaches beyond this grant, one error per field (paths as in a request
    /// body): a holder hands out at most what it holds, so no credential can mint a stronger one.
    /// </summary>
    public IReadOnlyList<ValidationError> Exceeded(AccessGrant requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var errors = new List<ValidationError>();
        var missing = RolePermissions.Of(requested.Role).Except(RolePermissions.Of(Role)).Order().ToList();
        if (missing.Count > 0)
        {
            errors.Add(new ValidationError("$.role", $"The role '{RolePermissions.Name(requested.Role)}' holds permissions yours lacks: {string.Join(", ", missing)}."));
        }

        if (requested.Clearance > Clearance)
        {
            errors.Add(new ValidationError("$.clearance", $"Above your own clearance '{DataClassifications.Name(Clearance)}'."));
        }

        // A credential bound to a purpose may only hand out that purpose; an unbound one would let each request choose.
        if (Purpose is not null && !string.Equals(requested.Purpose, Purpose, StringComparison.Ordinal))
        {
            errors.Add(new ValidationError("$.purpose", $"Your credential is bound to the purpose '{Purpose}'; so must this one be."));
        }

        // Confined to some objects: the new credential must be confined too, and to no object outside them.
        if (Scopes.Count > 0 && (requested.Scopes.Count == 0 || requested.Scopes.Except(Scopes, StringComparer.Ordinal).Any()))
        {
            errors.Add(new ValidationError("$.scopes", "Your credential is confined to some objects; name only selectors it holds."));
        }

        return errors;
    }
}
