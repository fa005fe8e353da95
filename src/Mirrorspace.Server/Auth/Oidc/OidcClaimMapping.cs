using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;
using Mirrorspace.Storage.IdentityProviders;

namespace Mirrorspace.Server.Auth.Oidc;

/// <summary>
/// Turns a verified token into the caller's identity by its provider's rules. The issuer vouches for who the
/// caller is and which groups they are in; what that allows here is the tenant admin's mapping, so a token can
/// never claim a role or a clearance the mapping does not grant.
/// </summary>
internal static partial class OidcClaimMapping
{
    public const int MaximumSubjectLength = 255;

    /// <summary>The identity, or the reason the token proves no one this tenant knows.</summary>
    public static (AccessIdentity? Identity, string? Reason) Map(IdentityProviderRecord provider, JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(token);
        if (Subject(token) is not { } subject)
        {
            return (null, "no valid subject");
        }

        var held = token.Claims.Where(c => c.Type == provider.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var rule = provider.Roles.FirstOrDefault(r => held.Contains(r.Value));
        if (rule is null || !RolePermissions.TryParse(rule.Role, out var role) || !DataClassifications.TryParse(rule.Clearance, out var clearance))
        {
            return (null, "no role mapped");
        }

        if (provider.ClearanceClaim is { } clearanceClaim)
        {
            // The claim may narrow what the rule grants, never widen it.
            if (!DataClassifications.TryParse(Single(token, clearanceClaim), out var claimed))
            {
                return (null, "clearance claim missing or unknown");
            }

            clearance = claimed < clearance ? claimed : clearance;
        }

        string? purpose = null;
        if (provider.PurposeClaim is { } purposeClaim && token.Claims.Any(c => c.Type == purposeClaim))
        {
            purpose = Single(token, purposeClaim);
            if (purpose is null || !PurposePattern().IsMatch(purpose))
            {
                return (null, "purpose claim not valid");
            }
        }

        return (new AccessIdentity(provider.TenantId, $"oidc:{provider.ProviderId}:{subject}", role, clearance, purpose), null);
    }

    /// <summary>How history and the audit log name the caller, as far as the (maybe not yet verified) token tells.</summary>
    public static string Principal(string providerId, JsonWebToken token) =>
        Subject(token) is { } subject ? $"oidc:{providerId}:{subject}" : $"oidc:{providerId}";

    /// <summary>
    /// The <c>sub</c> claim when it is a JSON string (RFC 7519 StringOrURI; the library would turn a number into
    /// text), short, and printable; null otherwise.
    /// </summary>
    private static string? Subject(JsonWebToken token)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedPayload));
        return payload.RootElement.TryGetProperty(JwtRegisteredClaimNames.Sub, out var sub) && sub.ValueKind is JsonValueKind.String
            && sub.GetString() is { Length: > 0 and <= MaximumSubjectLength } subject && !subject.Any(char.IsControl)
            ? subject
            : null;
    }

    private static string? Single(JsonWebToken token, string claim)
    {
        var values = token.Claims.Where(c => c.Type == claim).Take(2).ToList();
        return values.Count == 1 ? values[0].Value : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._:-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PurposePattern();
}
