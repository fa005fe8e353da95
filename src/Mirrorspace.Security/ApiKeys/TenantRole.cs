namespace Mirrorspace.Security.ApiKeys;

/// <summary>Roles within one tenant, each including the rights of the ones before it.</summary>
public enum TenantRole
{
    Viewer = 0,
    Operator = 1,
    Admin = 2,
}
