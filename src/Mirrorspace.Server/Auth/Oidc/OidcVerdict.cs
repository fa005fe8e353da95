namespace Mirrorspace.Server.Auth.Oidc;

/// <summary>What a bearer token proved: an identity, or a refusal with the reason the audit log keeps (never the token).</summary>
/// <param name="TenantId">The tenant of the provider the token named, when it named one; refusals are recorded there.</param>
/// <param name="Principal">How the caller is named: <c>oidc:PROVIDER:SUB</c> as far as the token tells, <c>oidc</c> for an unknown issuer.</param>
internal sealed record OidcVerdict(AccessIdentity? Identity, string? TenantId, string Principal, string? Reason)
{
    public static OidcVerdict Refused(string reason, string? tenantId = null, string principal = "oidc") => new(null, tenantId, principal, reason);
}
