using Mirrorspace.Domain.Access;

namespace Mirrorspace.Domain.Tests.Access;

/// <summary>
/// The access rules written as plainly as they read in docs/security-model.md, independently of the
/// product's evaluator: list every rule that applies, keep the most specific ones, and among those a
/// revoke beats a grant. The property tests compare the product against this.
/// </summary>
internal static class AccessOracle
{
    /// <summary>What the role table says, written out again by hand.</summary>
    private static readonly Dictionary<TenantRole, Permission[]> Roles = new()
    {
        [TenantRole.Viewer] = [Permission.ReadModels, Permission.ReadTwins],
        [TenantRole.Analyst] = [Permission.ReadModels, Permission.ReadTwins, Permission.ReadIntegrity],
        [TenantRole.Operator] =
        [
            Permission.ReadModels, Permission.ReadTwins, Permission.ReadIntegrity, Permission.ManageTwins, Permission.ReportState,
            Permission.WriteDesired, Permission.ReviewQuarantine, Permission.ReadDevices,
        ],
        [TenantRole.Auditor] = [Permission.ReadModels, Permission.ReadAudit, Permission.ReadAccess, Permission.ReadDevices],
        [TenantRole.Admin] = Enum.GetValues<Permission>(),
    };

    private static readonly Permission[] TwinPermissions =
        [Permission.ReadTwins, Permission.ManageTwins, Permission.ReportState, Permission.WriteDesired, Permission.ReadIntegrity, Permission.ReviewQuarantine];

    public static bool Allows(
        IReadOnlyList<(string[] Subjects, string[] Resources, Permission[] Grant, Permission[] Revoke)> entries,
        string principal,
        TenantRole role,
        Permission permission,
        (string Twin, string Model)? twin,
        string? property)
    {
        var rules = new List<(int Depth, bool Revoke)>();
        if (Roles[role].Contains(permission))
        {
            rules.Add((0, false));
        }

        foreach (var entry in entries)
        {
            var mine = entry.Subjects.Any(s => s == "*" || s == principal || s == $"role:{role.ToString().ToLowerInvariant()}");
            if (!mine)
            {
                continue;
            }

            foreach (var resource in entry.Resources)
            {
                if (Depth(resource, twin, property, TwinPermissions.Contains(permission)) is not { } depth)
                {
                    continue;
                }

                if (entry.Grant.Contains(permission))
                {
                    rules.Add((depth, false));
                }

                if (entry.Revoke.Contains(permission))
                {
                    rules.Add((depth, true));
                }
            }
        }

        if (rules.Count == 0)
        {
            return false;
        }

        var deepest = rules.Max(r => r.Depth);
        return rules.Where(r => r.Depth == deepest).All(r => !r.Revoke);
    }

    /// <summary>How deep a resource text reaches the asked-for thing; null when it does not apply to it.</summary>
    private static int? Depth(string resource, (string Twin, string Model)? twin, string? property, bool perTwin)
    {
        var parts = resource.Split('/');
        var target = parts[0];
        var onProperty = parts.Length > 1 ? parts[1] : null;
        if (onProperty is not null && onProperty != property)
        {
            return null;
        }

        if (!perTwin && (target != "*" || onProperty is not null))
        {
            return null;
        }

        int depth;
        if (target == "*")
        {
            depth = 0;
        }
        else if (twin is { } t && target == $"model:{t.Model}")
        {
            depth = 1;
        }
        else if (twin is { } u && target == $"twin:{u.Twin}")
        {
            depth = 2;
        }
        else
        {
            return null;
        }

        return onProperty is null ? depth : depth + 3;
    }
}
