namespace Mirrorspace.Storage.IdentityProviders;

/// <summary>
/// An external OpenID Connect issuer a tenant trusts to vouch for its people: where its signing keys
/// are, which tokens are meant for this tenant, and how their claims become a role. Nothing in it is
/// secret (the keys are the issuer's public ones), so it is stored in clear: routing a token needs its
/// issuer and audience before any tenant key is known.
/// </summary>
public sealed record IdentityProviderRecord
{
    public required string TenantId { get; init; }

    public required string ProviderId { get; init; }

    /// <summary>The token's <c>iss</c>, compared as an exact string.</summary>
    public required string Issuer { get; init; }

    /// <summary>A value the token's <c>aud</c> must hold; the issuer and audience pair names one provider on the node.</summary>
    public required string Audience { get; init; }

    public required Uri JwksUri { get; init; }

    /// <summary>The JWS algorithms accepted, e.g. <c>RS256</c>, <c>ES256</c>; asymmetric ones only.</summary>
    public required IReadOnlyList<string> Algorithms { get; init; }

    public required TimeSpan ClockSkew { get; init; }

    /// <summary>The claim that carries the caller's roles or groups (a string or an array of strings).</summary>
    public required string RoleClaim { get; init; }

    /// <summary>Tried in order; the first rule whose value the role claim holds decides the role.</summary>
    public required IReadOnlyList<RoleRule> Roles { get; init; }

    /// <summary>A claim naming a data class that may lower the matched rule's clearance (never raise it); null to use the rule's.</summary>
    public string? ClearanceClaim { get; init; }

    /// <summary>A claim naming the purpose of use the token declares; null when each request must declare one.</summary>
    public string? PurposeClaim { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
