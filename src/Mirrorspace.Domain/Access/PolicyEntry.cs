namespace Mirrorspace.Domain.Access;

/// <summary>One rule of a tenant's access policy: these subjects are granted, or refused, these permissions on these resources.</summary>
public sealed record PolicyEntry(
    string Name,
    IReadOnlyList<string> Subjects,
    IReadOnlyList<ResourceSelector> Resources,
    IReadOnlySet<Permission> Grant,
    IReadOnlySet<Permission> Revoke);
