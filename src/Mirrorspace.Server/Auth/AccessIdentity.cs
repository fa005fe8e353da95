using System.Security.Claims;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Server.Auth;

/// <summary>
/// A person's or service's identity as every authentication scheme hands it to authorization: one
/// shape, so that an API key, a session and an OIDC token are judged by the same policy.
/// </summary>
/// <param name="Principal">Who acts, as history and the audit log name it (<c>apikey:ID</c>, <c>user:NAME</c>, <c>oidc:…</c>).</param>
/// <param name="Clearance">The most sensitive data class the principal may read.</param>
/// <param name="Purpose">A purpose of use the credential declares itself; null when each request must declare one.</param>
/// <param name="Scopes">Resource selectors the credential is confined to; empty for the whole tenant.</param>
internal sealed record AccessIdentity(
    string TenantId,
    string Principal,
    TenantRole Role,
    DataClassification Clearance,
    string? Purpose = null,
    IReadOnlyList<string>? Scopes = null,
    string? KeyId = null)
{
    /// <summary>What the credential holds, the most it may hand out when it issues another.</summary>
    public AccessGrant Grant => new(Role, Clearance, Purpose, Scopes ?? []);

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        List<Claim> claims =
        [
            new(MirrorspaceClaims.Tenant, TenantId),
            new(MirrorspaceClaims.Principal, Principal),
            new(MirrorspaceClaims.Role, RolePermissions.Name(Role)),
            new(MirrorspaceClaims.Clearance, DataClassifications.Name(Clearance)),
        ];
        if (Purpose is not null)
        {
            claims.Add(new Claim(MirrorspaceClaims.Purpose, Purpose));
        }

        if (KeyId is not null)
        {
            claims.Add(new Claim(MirrorspaceClaims.KeyId, KeyId));
        }

        claims.AddRange((Scopes ?? []).Select(scope => new Claim(MirrorspaceClaims.Scope, scope)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, nameType: MirrorspaceClaims.Principal, roleType: MirrorspaceClaims.Role));
    }

    /// <summary>The identity of a person or service; null for a device or an anonymous caller.</summary>
    public static AccessIdentity? From(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(MirrorspaceClaims.Tenant) is not { } tenant
            || !RolePermissions.TryParse(user.FindFirstValue(MirrorspaceClaims.Role), out var role)
            || !DataClassifications.TryParse(user.FindFirstValue(MirrorspaceClaims.Clearance), out var clearance))
        {
            return null;
        }

        return new AccessIdentity(
            tenant,
            user.FindFirstValue(MirrorspaceClaims.Principal) ?? "unknown",
            role,
            clearance,
            user.FindFirstValue(MirrorspaceClaims.Purpose),
            [.. user.FindAll(MirrorspaceClaims.Scope).Select(c => c.Value)],
            user.FindFirstValue(MirrorspaceClaims.KeyId));
    }
}
