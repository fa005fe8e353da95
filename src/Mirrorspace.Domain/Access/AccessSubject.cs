namespace Mirrorspace.Domain.Access;

/// <summary>Who asks, as policy entries name it: <c>*</c>, <c>role:NAME</c>, or the principal itself (<c>apikey:ID</c>, <c>user:NAME</c>, <c>oidc:…</c>).</summary>
public sealed record AccessSubject(string Principal, TenantRole Role)
{
    public const string Anyone = "*";
    public const string RolePrefix = "role:";

    public bool IsNamedBy(string subject) =>
        subject == Anyone
        || string.Equals(subject, Principal, StringComparison.Ordinal)
        || (subject.StartsWith(RolePrefix, StringComparison.Ordinal) && subject.AsSpan(RolePrefix.Length).SequenceEqual(RolePermissions.Name(Role)));
}
