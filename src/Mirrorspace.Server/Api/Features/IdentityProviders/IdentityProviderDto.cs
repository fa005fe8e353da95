using Mirrorspace.Storage.IdentityProviders;

namespace Mirrorspace.Server.Api.Features.IdentityProviders;

/// <summary>An identity provider as the API shows it: the same members as the document that configures it.</summary>
public sealed record IdentityProviderDto(
    string Id,
    string Issuer,
    string Audience,
    string JwksUri,
    IReadOnlyList<string> Algorithms,
    int ClockSkewSeconds,
    string RoleClaim,
    IReadOnlyList<RoleRule> Roles,
    string? ClearanceClaim,
    string? PurposeClaim,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static IdentityProviderDto From(IdentityProviderRecord p) => new(
        p.ProviderId,
        p.Issuer,
        p.Audience,
        p.JwksUri.AbsoluteUri,
        p.Algorithms,
        (int)p.ClockSkew.TotalSeconds,
        p.RoleClaim,
        p.Roles,
        p.ClearanceClaim,
        p.PurposeClaim,
        p.CreatedAt,
        p.UpdatedAt);
}
