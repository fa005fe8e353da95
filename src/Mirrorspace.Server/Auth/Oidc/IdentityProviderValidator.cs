using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Storage.IdentityProviders;

namespace Mirrorspace.Server.Auth.Oidc;

/// <summary>
/// Turns an identity provider document (the PUT body) into a record, or lists every problem with its JSON
/// path. Unknown members are refused: a misspelt setting must not silently leave a default in force.
/// </summary>
internal static partial class IdentityProviderValidator
{
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(60);
    public const int MaximumClockSkewSeconds = 300;
    public const int MaximumRules = 100;

    private static readonly string[] Members =
        ["issuer", "audience", "jwksUri", "algorithms", "clockSkewSeconds", "roleClaim", "roles", "clearanceClaim", "purposeClaim"];

    private static readonly string[] RuleMembers = ["value", "role", "clearance"];

    public static bool IsValidProviderId(string? value) => value is not null && ProviderIdPattern().IsMatch(value);

    /// <param name="existing">The provider being replaced, whose creation time stays; null for a new one.</param>
    public static (IdentityProviderRecord? Record, IReadOnlyList<StateError> Errors) Validate(
        string tenantId, string providerId, JsonObject body, IdentityProviderRecord? existing, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new List<StateError>();
        var reader = new Reader(body, "$", errors);
        if (!IsValidProviderId(providerId))
        {
            errors.Add(new("$.id", "A provider id is 1-63 lowercase letters, digits and '-', starting with a letter or digit."));
        }

        reader.RefuseUnknown(Members);
        var issuer = reader.Text("issuer", required: true, 512);
        if (issuer is not null && !JwksUriRule.IsAllowed(issuer, out _))
        {
            errors.Add(new("$.issuer", $"issuer is the token's 'iss' exactly as the issuer writes it, and {JwksUriRule.Description}."));
        }

        var audience = reader.Text("audience", required: true, 256);
        var jwksText = reader.String("jwksUri", required: true);
        Uri? jwksUri = null;
        if (jwksText is not null && !JwksUriRule.IsAllowed(jwksText, out jwksUri))
        {
            errors.Add(new("$.jwksUri", $"jwksUri {JwksUriRule.Description}."));
        }

        var algorithms = Algorithms(reader, errors);
        var skew = reader.Integer("clockSkewSeconds", 0, MaximumClockSkewSeconds);
        var roleClaim = reader.ClaimName("roleClaim", required: true);
        var rules = Rules(body["roles"], errors);
        var clearanceClaim = reader.ClaimName("clearanceClaim", required: false);
        var purposeClaim = reader.ClaimName("purposeClaim", required: false);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new IdentityProviderRecord
        {
            TenantId = tenantId,
            ProviderId = providerId,
            Issuer = issuer!,
            Audience = audience!,
            JwksUri = jwksUri!,
            Algorithms = algorithms,
            ClockSkew = skew is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultClockSkew,
            RoleClaim = roleClaim!,
            Roles = rules,
            ClearanceClaim = clearanceClaim,
            PurposeClaim = purposeClaim,
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
        }, errors);
    }

    private static List<string> Algorithms(Reader reader, List<StateError> errors)
    {
        var names = reader.Strings("algorithms");
        if (names is null)
        {
            return [];
        }

        if (names.Count == 0)
        {
            errors.Add(new("$.algorithms", "Pin at least one algorithm, e.g. [\"RS256\"]."));
        }

        for (var i = 0; i < names.Count; i++)
        {
            if (!OidcAlgorithms.IsAllowed(names[i]))
            {
                errors.Add(new($"$.algorithms[{i}]", $"Not an allowed algorithm; use {string.Join(", ", OidcAlgorithms.Names)} ('none' and HS* are never accepted)."));
            }
            else if (names.IndexOf(names[i]) < i)
            {
                errors.Add(new($"$.algorithms[{i}]", "Listed twice."));
            }
        }

        return names;
    }

    private static List<RoleRule> Rules(JsonNode? node, List<StateError> errors)
    {
        if (node is not JsonArray array || array.Count is 0 or > MaximumRules)
        {
            errors.Add(new("$.roles", $"roles must be a list of 1-{MaximumRules} rules {{\"value\": ..., \"role\": ..., \"clearance\": ...}}, tried in order."));
            return [];
        }

        var rules = new List<RoleRule>();
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"$.roles[{i}]";
            if (array[i] is not JsonObject rule)
            {
                errors.Add(new(path, "Must be an object {\"value\": ..., \"role\": ..., \"clearance\": ...}."));
                continue;
            }

            var reader = new Reader(rule, path, errors);
            reader.RefuseUnknown(RuleMembers);
            var value = reader.Text("value", required: true, 256);
            var role = reader.String("role", required: true);
            var clearance = reader.String("clearance", required: true);
            if (role is not null && !RolePermissions.TryParse(role, out _))
            {
                errors.Add(new($"{path}.role", "Must be admin, operator, analyst, viewer or auditor."));
            }

            if (clearance is not null && !DataClassifications.TryParse(clearance, out _))
            {
                errors.Add(new($"{path}.clearance", "Must be public, community, consortium, proprietary, personal or health."));
            }

            if (value is not null && rules.Any(r => r.Value == value))
            {
                errors.Add(new($"{path}.value", "Another rule already matches this value; the first would always win."));
            }

            rules.Add(new RoleRule(value ?? string.Empty, role ?? string.Empty, clearance ?? string.Empty));
        }

        return rules;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderIdPattern();

    /// <summary>Reads the members of one object of the document, adding an error with its path for each that is wrong.</summary>
    private sealed partial class Reader(JsonObject body, string path, List<StateError> errors)
    {
        public void RefuseUnknown(string[] known) =>
            errors.AddRange(body.Where(p => !known.Contains(p.Key)).Select(p => new StateError($"{path}.{p.Key}", "Unknown field.")));

        public string? String(string name, bool required)
        {
            if (!body.TryGetPropertyValue(name, out var node) || node is null)
            {
                if (required)
                {
                    errors.Add(new($"{path}.{name}", "Required."));
                }

                return null;
            }

            if (node.GetValueKind() is not JsonValueKind.String)
            {
                errors.Add(new($"{path}.{name}", "Must be a string."));
                return null;
            }

            return node.GetValue<string>();
        }

        /// <summary>Printable text without spaces at either end, at most <paramref name="maxLength"/> characters.</summary>
        public string? Text(string name, bool required, int maxLength)
        {
            var text = String(name, required);
            if (text is not null && (text.Length == 0 || text.Length > maxLength || text.Any(char.IsControl) || text.Trim() != text))
            {
                errors.Add(new($"{path}.{name}", $"Must be 1-{maxLength} printable characters without leading or trailing spaces."));
                return null;
            }

            return text;
        }

        /// <summary>A top-level claim name of the token, such as <c>groups</c> or <c>roles</c>.</summary>
        public string? ClaimName(string name, bool required)
        {
            var text = String(name, required);
            if (text is not null && !ClaimNamePattern().IsMatch(text))
            {
                errors.Add(new($"{path}.{name}", "Must be a top-level claim name: 1-128 letters, digits and - _ . : /"));
                return null;
            }

            return text;
        }

        public int? Integer(string name, int minimum, int maximum)
        {
            if (!body.TryGetPropertyValue(name, out var node) || node is null)
            {
                return null;
            }

            if (node.GetValueKind() is JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var value) && value >= minimum && value <= maximum)
            {
                return value;
            }

            errors.Add(new($"{path}.{name}", $"Must be a whole number from {minimum} to {maximum}."));
            return null;
        }

        public List<string>? Strings(string name)
        {
            if (body[name] is not JsonArray array)
            {
                errors.Add(new($"{path}.{name}", body.ContainsKey(name) ? "Must be a list of strings." : "Required."));
                return null;
            }

            var items = new List<string>();
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is { } item && item.GetValueKind() is JsonValueKind.String)
                {
                    items.Add(item.GetValue<string>());
                }
                else
                {
                    errors.Add(new($"{path}.{name}[{i}]", "Must be a string."));
                }
            }

            return items;
        }

        [GeneratedRegex("^[A-Za-z0-9_.:/-]{1,128}$", RegexOptions.CultureInvariant)]
        private static partial Regex ClaimNamePattern();
    }
}
