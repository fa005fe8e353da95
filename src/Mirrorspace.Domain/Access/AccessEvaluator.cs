using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Access;

/// <summary>
/// Decides a permission on a resource, Ditto style: the role's permissions are grants on the whole tenant,
/// policy entries add grants and revokes on models, twins and properties; the most specific matching
/// rule decides and, at equal specificity, a revoke wins. Nothing matching means no.
/// </summary>
public static class AccessEvaluator
{
    /// <param name="twin">The twin asked about; null for the tenant as a whole.</param>
    /// <param name="property">The property asked about; null for the twin as a whole (then property rules do not apply).</param>
    public static bool Decide(AccessPolicy policy, AccessSubject subject, Permission permission, TwinResource? twin = null, string? property = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(subject);
        var best = new Level();
        if (RolePermissions.Grants(subject.Role, permission))
        {
            best = best.With(0, revoke: false);
        }

        // Entries for tenant-wide permissions only count on the whole tenant: a model selector cannot narrow "read audit".
        var perTwin = Permissions.IsPerTwin(permission);
        foreach (var entry in policy.Entries)
        {
            var grants = entry.Grant.Contains(permission);
            var revokes = entry.Revoke.Contains(permission);
            if ((!grants && !revokes) || !entry.Subjects.Any(subject.IsNamedBy))
            {
                continue;
            }

            foreach (var selector in entry.Resources)
            {
                if ((!perTwin && (selector.Scope is not SelectorScope.Tenant || selector.Property is not null)) || !selector.Matches(twin, property))
                {
                    continue;
                }

                best = grants ? best.With(selector.Specificity, revoke: false) : best;
                best = revokes ? best.With(selector.Specificity, revoke: true) : best;
            }
        }

        return best.Allows;
    }

    /// <summary>
    /// Whether the subject could hold the permission on anything in its tenant: the gate before an
    /// endpoint looks at the object, which then decides with <see cref="Decide"/>.
    /// </summary>
    public static bool MayHoldAnywhere(AccessPolicy policy, AccessSubject subject, Permission permission)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Decide(policy, subject, permission)
            || (Permissions.IsPerTwin(permission)
                && policy.Entries.Any(e => e.Grant.Contains(permission) && e.Subjects.Any(subject.IsNamedBy)));
    }

    /// <summary>
    /// Whether a value of the property may be read: the read permission on it, a clearance at least its
    /// class, and for personal and health values a declared purpose the tenant allows for that class.
    /// </summary>
    public static bool CanRead(
        AccessPolicy policy, AccessSubject subject, DataClassification clearance, string? purpose, TwinResource twin, string property, DataClassification classification)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return classification <= clearance
            && policy.AllowsPurpose(classification, purpose)
            && Decide(policy, subject, Permission.ReadTwins, twin, property);
    }

    /// <summary>
    /// Whether a credential confined to <paramref name="scopes"/> reaches the twin (property null) or one
    /// of its properties; no scopes means the whole tenant. A scope on a property opens its twin, but of
    /// the twin's values only that property.
    /// </summary>
    public static bool WithinScopes(IReadOnlyList<ResourceSelector> scopes, TwinResource twin, string? property)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        return scopes.Count == 0 || scopes.Any(scope => property is null
            ? (scope with { Property = null }).Matches(twin, null)
            : scope.Matches(twin, property) || (scope.Property is null && scope.Matches(twin, null)));
    }

    /// <summary>The most specific level seen so far and what it says.</summary>
    private readonly record struct Level(int Specificity, bool Grant, bool Revoke)
    {
        public Level()
            : this(-1, false, false)
        {
        }

        public bool Allows => Grant && !Revoke;

        public Level With(int specificity, bool revoke) =>
            specificity > Specificity ? new Level(specificity, !revoke, revoke)
            : specificity == Specificity ? new Level(specificity, Grant || !revoke, Revoke || revoke)
            : this;
    }
}
