using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
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
        if (!IsValidSubject(token.Subject))
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

        return (new AccessIdentity(provider.TenantId, Principal(provider.ProviderId, token.Subject), role, clearance, purpose), null);
    }

    /// <summary>How history and the audit log name the caller.</summary>
    public static string Principal(string providerId, string? subject) =>
        IsValidSubject(subject) ? $"oidc:{providerId}:{subject}" : $"oidc:{providerId}";

    private static bool IsValidSubject(string? subject) =>
        subject is { Length: > 0 and <= MaximumSubjectLength } && !subject.Any(char.IsControl);

    private static string? Single(JsonWebToken token, string claim)
    {
        var values = token.Claims.Where(c => c.Type == claim).Take(2).ToList();
        return values.Count == 1 ? values[0].Value : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._:-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PurposePattern();
}
