namespace Mirrorspace.Storage.IdentityProviders;

/// <summary>One value of the role claim and what it grants: a tenant role and the most sensitive data class it may read.</summary>
/// <param name="Role">A role name as <c>RolePermissions.Name</c> writes it.</param>
/// <param name="Clearance">A data class name as <c>DataClassifications.Name</c> writes it.</param>
public sealed record RoleRule(string Value, string Role, string Clearance);
