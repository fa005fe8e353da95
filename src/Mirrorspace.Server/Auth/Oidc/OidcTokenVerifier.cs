using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Mirrorspace.Storage.IdentityProviders;

namespace Mirrorspace.Server.Auth.Oidc;

/// <summary>
/// Checks a bearer JWT against the one provider its issuer and audience name: the signature against that
/// provider's JWKS with a pinned algorithm that fits the key, then issuer, audience, <c>exp</c> and
/// <c>nbf</c> (both required) with the provider's clock skew, then <c>sub</c>, then the role mapping.
/// </summary>
internal sealed class OidcTokenVerifier(IIdentityProviderStore providers, JwksCache jwks, TimeProvider clock)
{
    /// <summary>Far above any real access token, far below what would cost the node to parse.</summary>
    public const int MaximumTokenLength = 16 * 1024;

    private static readonly JsonWebTokenHandler Handler = new() { MaximumTokenSizeInBytes = MaximumTokenLength, MapInboundClaims = false };

    public async Task<OidcVerdict> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > MaximumTokenLength || !Handler.CanReadToken(token))
        {
            return OidcVerdict.Refused("malformed token");
        }

        JsonWebToken unverified;
        try
        {
            unverified = Handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return OidcVerdict.Refused("malformed token");
        }

        // Routing reads the claims before they are verified; they only choose which provider's keys must verify them.
        var issuer = unverified.Issuer;
        var audiences = unverified.Audiences.ToHashSet(StringComparer.Ordinal);
        var candidates = string.IsNullOrEmpty(issuer) ? [] : await providers.FindByIssuerAsync(issuer, cancellationToken);
        var matches = candidates.Where(p => audiences.Contains(p.Audience)).ToList();
        if (matches.Count != 1)
        {
            return OidcVerdict.Refused(matches.Count == 0 ? "unknown issuer or audience" : "audience names several providers");
        }

        var provider = matches[0];
        var principal = OidcClaimMapping.Principal(provider.ProviderId, unverified);
        OidcVerdict Refuse(string reason) => OidcVerdict.Refused(reason, provider.TenantId, principal);

        var algorithm = unverified.Alg;
        if (!provider.Algorithms.Contains(algorithm, StringComparer.Ordinal))
        {
            return Refuse($"algorithm '{Printable(algorithm)}' not allowed");
        }

        var keys = await jwks.GetAsync(provider, unverified.Kid, cancellationToken);
        if (keys is null)
        {
            return Refuse("signing keys unavailable");
        }

        var result = await Handler.ValidateTokenAsync(token, Parameters(provider, [.. keys.Where(k => OidcAlgorithms.Fits(algorithm, k))]));
        if (!result.IsValid)
        {
            return Refuse(Reason(result.Exception));
        }

        var verified = (JsonWebToken)result.SecurityToken;
        if (Lifetime(verified, provider.ClockSkew) is { } lifetimeProblem)
        {
            return Refuse(lifetimeProblem);
        }

        var (identity, refusal) = OidcClaimMapping.Map(provider, verified);
        return identity is null ? Refuse(refusal!) : new OidcVerdict(identity, provider.TenantId, identity.Principal, null);
    }

    private static TokenValidationParameters Parameters(IdentityProviderRecord provider, List<JsonWebKey> keys) => new()
    {
        ValidIssuer = provider.Issuer,
        ValidAudience = provider.Audience,
        IgnoreTrailingSlashWhenValidatingAudience = false,
        ValidAlgorithms = provider.Algorithms,
        IssuerSigningKeys = keys,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        RequireAudience = true,
        ValidateIssuer = true,
        ValidateAudience = true,

        // Checked in Lifetime against the node's clock, which the library's public settings cannot take.
        ValidateLifetime = false,
    };

    /// <summary>Both exp and nbf are required (the library would accept a token without nbf); each gets the provider's skew.</summary>
    private string? Lifetime(JsonWebToken token, TimeSpan skew)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return token switch
        {
            { ValidTo: var expires } when expires == DateTime.MinValue => "no exp",
            { ValidFrom: var notBefore } when notBefore == DateTime.MinValue => "no nbf",
            { ValidTo: var expires } when now >= expires + skew => "expired",
            { ValidFrom: var notBefore } when now < notBefore - skew => "not yet valid",
            _ => null,
        };
    }

    /// <summary>The kind of failure, in words for the audit log; the library's messages may quote the token and stay out.</summary>
    private static string Reason(Exception? failure) => failure switch
    {
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidAlgorithmException => "algorithm not allowed",
        SecurityTokenSignatureKeyNotFoundException => "unknown signing key",
        SecurityTokenInvalidSignatureException => "bad signature",
        _ => "invalid token",
    };

    private static string Printable(string? text) =>
        text is null ? string.Empty : new string([.. text.Take(16).Select(c => char.IsControl(c) ? '?' : c)]);
}
