using System.Text.Json;
using System.Text.Json.Nodes;
using Mirrorspace.Domain.Common;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Access;

/// <summary>The outcome of reading a policy document: the policy, or every error with its JSON path.</summary>
public sealed record AccessPolicyParseResult(AccessPolicy? Policy, IReadOnlyList<ValidationError> Errors)
{
    public bool IsValid => Policy is not null;
}

/// <summary>
/// Reads a tenant's access policy document:
/// <code>
/// { "purposes": ["care", "operations"],
///   "purposeOfUse": { "health": ["care"], "personal": ["care", "operations"] },
///   "entries": [ { "name": "nurses read vitals", "subjects": ["role:viewer"],
///                  "resources": ["model:patient-monitor"], "grant": ["readTwins"], "revoke": [] } ] }
/// </code>
/// </summary>
public static class AccessPolicyParser
{
    public const int MaxPurposes = 50;
    public const int MaxEntries = 500;
    public const int MaxItems = 100;

    public static AccessPolicyParseResult ParseJson(string json)
    {
        try
        {
            return Parse(JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 16 }));
        }
        catch (JsonException ex)
        {
            return new AccessPolicyParseResult(null, [new ValidationError("$", $"Not valid JSON: {ex.Message}")]);
        }
    }

    public static AccessPolicyParseResult Parse(JsonNode? root)
    {
        if (root is not JsonObject document)
        {
            return new AccessPolicyParseResult(null, [new ValidationError("$", "An access policy must be an object.")]);
        }

        var errors = new List<ValidationError>();
        var reader = new DocumentReader(errors);
        reader.RejectUnknownMembers(document, "$", "purposes", "purposeOfUse", "entries");
        var purposes = Strings(reader, document, "$", "purposes", MaxPurposes, IsPurpose, "a purpose: 1-32 lowercase letters, digits or '-'");
        var byClass = PurposesByClass(reader, document, purposes);
        var entries = new List<PolicyEntry>();
        foreach (var (item, path) in Items(reader, document, "$", "entries", MaxEntries))
        {
            if (item is not JsonObject entry)
            {
                reader.Error(path, "An entry must be an object.");
                continue;
            }

            entries.Add(Entry(reader, entry, path));
        }

        return errors.Count > 0
            ? new AccessPolicyParseResult(null, errors)
            : new AccessPolicyParseResult(new AccessPolicy(purposes, byClass, entries), []);
    }

    private static PolicyEntry Entry(DocumentReader reader, JsonObject entry, string path)
    {
        reader.RejectUnknownMembers(entry, path, "name", "subjects", "resources", "grant", "revoke");
        var name = reader.String(entry, path, "name", required: true, maxLength: 128) ?? string.Empty;
        var subjects = Strings(reader, entry, path, "subjects", MaxItems, IsSubject, "'*', 'role:NAME' or a principal such as 'apikey:ID', 'user:NAME', 'oidc:PROVIDER:SUBJECT'", required: true);
        var resources = new List<ResourceSelector>();
        foreach (var (item, itemPath) in Items(reader, entry, path, "resources", MaxItems, required: true))
        {
            if (item?.GetValueKind() is not JsonValueKind.String)
            {
                reader.Error(itemPath, "Must be a string.");
                continue;
            }

            if (!ResourceSelector.TryParse(item.GetValue<string>(), out var selector, out var error))
            {
                reader.Error(itemPath, error!);
                continue;
            }

            resources.Add(selector);
        }

        var grant = PermissionSet(reader, entry, path, "grant");
        var revoke = PermissionSet(reader, entry, path, "revoke");
        if (((entry["grant"] as JsonArray)?.Count ?? 0) + ((entry["revoke"] as JsonArray)?.Count ?? 0) == 0)
        {
            reader.Error(path, "An entry must grant or revoke at least one permission.");
        }

        return new PolicyEntry(name, subjects, resources, grant, revoke);
    }

    private static HashSet<Permission> PermissionSet(DocumentReader reader, JsonObject entry, string path, string member)
    {
        var names = Strings(reader, entry, path, member, MaxItems, n => Permissions.TryParse(n, out _), $"a permission: {string.Join(", ", Permissions.AllNames)}");
        return [.. names.Select(n => Permissions.TryParse(n, out var p) ? p : throw new InvalidOperationException("Checked above."))];
    }

    private static Dictionary<DataClassification, IReadOnlySet<string>> PurposesByClass(DocumentReader reader, JsonObject document, IReadOnlyList<string> purposes)
    {
        var result = new Dictionary<DataClassification, IReadOnlySet<string>>();
        if (reader.Object(document, "$", "purposeOfUse") is not { } map)
        {
            return result;
        }

        foreach (var (className, _) in map)
        {
            var path = $"$.purposeOfUse.{className}";
            if (!DataClassifications.TryParse(className, out var classification) || !DataClassifications.NeedsPurpose(classification))
            {
                reader.Error(path, "Only 'personal' and 'health' values are read for a purpose.");
                continue;
            }

            var allowed = Strings(reader, map, "$.purposeOfUse", className, MaxPurposes, p => purposes.Contains(p, StringComparer.Ordinal), "one of the policy's purposes");
            result[classification] = allowed.ToHashSet(StringComparer.Ordinal);
        }

        return result;
    }

    private static List<string> Strings(
        DocumentReader reader, JsonObject obj, string path, string member, int max, Func<string, bool> isValid, string expected, bool required = false)
    {
        var values = new List<string>();
        foreach (var (item, itemPath) in Items(reader, obj, path, member, max, required))
        {
            if (item?.GetValueKind() is not JsonValueKind.String || !isValid(item.GetValue<string>()))
            {
                reader.Error(itemPath, $"Must be {expected}.");
                continue;
            }

            values.Add(item.GetValue<string>());
        }

        return values;
    }

    private static IEnumerable<(JsonNode? Item, string Path)> Items(DocumentReader reader, JsonObject obj, string path, string member, int max, bool required = false)
    {
        if (!obj.TryGetPropertyValue(member, out var node) || node is null)
        {
            if (required)
            {
                reader.Error($"{path}.{member}", "Required.");
            }

            return [];
        }

        if (node is not JsonArray array)
        {
            reader.Error($"{path}.{member}", "Must be an array.");
            return [];
        }

        if (array.Count > max || (required && array.Count == 0))
        {
            reader.Error($"{path}.{member}", $"Must hold {(required ? 1 : 0)} to {max} items.");
            return [];
        }

        return array.Select((item, i) => (item, $"{path}.{member}[{i}]"));
    }

    private static bool IsPurpose(string text) =>
        text.Length is > 0 and <= 32 && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static bool IsSubject(string text) =>
        text == AccessSubject.Anyone
        || (text.StartsWith(AccessSubject.RolePrefix, StringComparison.Ordinal) && RolePermissions.TryParse(text[AccessSubject.RolePrefix.Length..], out _))
        || (text.Length <= 300 && text.IndexOf(':', StringComparison.Ordinal) > 0 && !text.Any(char.IsWhiteSpace)
            && (text.StartsWith("apikey:", StringComparison.Ordinal) || text.StartsWith("user:", StringComparison.Ordinal) || text.StartsWith("oidc:", StringComparison.Ordinal)));
}
