using System.Text.Json.Nodes;
using Mirrorspace.Domain.Integrity;

namespace Mirrorspace.Domain.Models;

/// <summary>Reads the model's <c>behaviours</c>: consistency rules such as <c>power ≈ voltage * current</c>.</summary>
internal static class BehaviourReader
{
    public const int MaxBehaviours = 64;
    public const double DefaultRelativeTolerance = 0.05;

    public static List<BehaviourRule> ReadAll(DocumentReader reader, JsonObject document, IReadOnlyDictionary<string, PropertyDefinition> properties)
    {
        var behaviours = new List<BehaviourRule>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, path) in reader.Objects(document, "$", "behaviours", MaxBehaviours))
        {
            reader.RejectUnknownMembers(item, path, "name", "rule", "relativeTolerance", "absoluteTolerance", "action");
            var name = NameReader.Read(reader, item, path, names.Contains);
            var (property, expected) = ReadRule(reader, item, path, properties);
            var relative = reader.NonNegativeNumber(item, path, "relativeTolerance", maximum: 10) ?? DefaultRelativeTolerance;
            var absolute = reader.NonNegativeNumber(item, path, "absoluteTolerance") ?? 0;
            if (relative == 0 && absolute == 0)
            {
                // Real-valued readings are practically never exactly equal to a computed value.
                reader.Error($"{path}.relativeTolerance", "relativeTolerance and absoluteTolerance must not both be 0: the rule would almost never hold.");
            }

            var action = reader.Enum<IntegrityAction>(item, path, "action") ?? IntegrityAction.Flag;
            if (name is not null)
            {
                names.Add(name);
            }

            if (name is not null && property is not null && expected is not null)
            {
                behaviours.Add(new BehaviourRule(name, new ConsistencyRule(property, expected, relative, absolute), action));
            }
        }

        return behaviours;
    }

    /// <summary>Splits <c>"property ≈ expression"</c> (or <c>~=</c>, <c>~</c>) and checks both sides name declared numeric properties.</summary>
    private static (string? Property, Expression? Expected) ReadRule(
        DocumentReader reader,
        JsonObject item,
        string path,
        IReadOnlyDictionary<string, PropertyDefinition> properties)
    {
        // Room for a 64-character property name, the separator and the longest expression.
        var text = reader.String(item, path, "rule", required: true, maxLength: 80 + Expression.MaxLength);
        if (text is null)
        {
            return (null, null);
        }

        var rulePath = $"{path}.rule";
        var at = text.IndexOfAny(['≈', '~']);
        if (at < 0)
        {
            reader.Error(rulePath, "Must be '<property> ≈ <expression>' (or ~= or ~ instead of ≈).");
            return (null, null);
        }

        var separatorLength = text.AsSpan(at).StartsWith("~=", StringComparison.Ordinal) ? 2 : 1;
        var property = text[..at].Trim();
        var propertyIsNumeric = IsNumericProperty(reader, rulePath, property, properties);
        var expected = Expression.TryParse(text[(at + separatorLength)..].Trim(), out var error);
        if (expected is null)
        {
            reader.Error(rulePath, $"The expression after the separator: {error}");
            return (null, null);
        }

        // Every variable is checked, not just up to the first bad one, so each is reported.
        var allNumeric = propertyIsNumeric;
        foreach (var variable in expected.Variables.Order(StringComparer.Ordinal))
        {
            allNumeric &= IsNumericProperty(reader, rulePath, variable, properties);
        }

        return allNumeric ? (property, expected) : (null, null);
    }

    private static bool IsNumericProperty(DocumentReader reader, string rulePath, string name, IReadOnlyDictionary<string, PropertyDefinition> properties)
    {
        if (!properties.TryGetValue(name, out var property))
        {
            reader.Error(rulePath, name.Length == 0 ? "Must name a property before the separator." : $"'{name}' is not a declared property or telemetry.");
            return false;
        }

        if (property.Type is not (PropertyType.Number or PropertyType.Integer))
        {
            reader.Error(rulePath, $"'{name}' is a {property.Type.ToString().ToLowerInvariant()} property; rules relate number and integer properties only.");
            return false;
        }

        return true;
    }
}
