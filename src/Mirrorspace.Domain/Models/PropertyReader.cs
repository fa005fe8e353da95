using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mirrorspace.Domain.Models;

internal static class PropertyReader
{
    public static void ReadAll(
        DocumentReader reader,
        JsonObject document,
        string member,
        bool isTelemetry,
        SyncContract modelSync,
        Dictionary<string, PropertyDefinition> into)
    {
        foreach (var (item, path) in reader.Objects(document, "$", member, ModelDocumentParser.MaxMembers))
        {
            var property = Read(reader, item, path, isTelemetry, modelSync, into);
            if (property is not null)
            {
                into[property.Name] = property;
            }
        }
    }

    private static PropertyDefinition? Read(
        DocumentReader reader,
        JsonObject item,
        string path,
        bool isTelemetry,
        SyncContract modelSync,
        Dictionary<string, PropertyDefinition> existing)
    {
        string[] allowed = isTelemetry
            ? ["name", "type", "unit", "description", "minimum", "maximum", "maxRateOfChange", "values", "classification", "sync", "integrity"]
            : ["name", "type", "unit", "description", "minimum", "maximum", "maxRateOfChange", "values", "classification", "sync", "integrity", "writable"];
        reader.RejectUnknownMembers(item, path, allowed);

        var name = NameReader.Read(reader, item, path, existing.ContainsKey);
        var type = reader.Enum<PropertyType>(item, path, "type", required: true);
        var minimum = reader.Number(item, path, "minimum");
        var maximum = reader.Number(item, path, "maximum");
        var maxRate = reader.Number(item, path, "maxRateOfChange");
        var values = ReadEnumValues(reader, item, path, type);
        var property = new PropertyDefinition
        {
            Name = name ?? string.Empty,
            Type = type ?? PropertyType.String,
            Unit = reader.String(item, path, "unit", maxLength: 32),
            Description = reader.String(item, path, "description", maxLength: 4096),
            Minimum = minimum,
            Maximum = maximum,
            MaxRateOfChange = maxRate,
            EnumValues = values,
            Classification = reader.Enum<DataClassification>(item, path, "classification") ?? DataClassification.Proprietary,
            Writable = reader.Boolean(item, path, "writable") ?? false,
            IsTelemetry = isTelemetry,
            Sync = SyncContractReader.Read(reader, item, path, modelSync),
            Integrity = PropertyIntegrityReader.Read(reader, item, path, type),
        };

        CheckNumericConstraints(reader, path, property, type);
        return name is null || type is null ? null : property;
    }

    private static void CheckNumericConstraints(DocumentReader reader, string path, PropertyDefinition property, PropertyType? type)
    {
        var numeric = type is PropertyType.Number or PropertyType.Integer;
        if (!numeric && type is not null)
        {
            foreach (var (value, member) in new[] { (property.Minimum, "minimum"), (property.Maximum, "maximum"), (property.MaxRateOfChange, "maxRateOfChange") })
            {
                if (value is not null)
                {
                    reader.Error($"{path}.{member}", $"Only number and integer properties take '{member}'.");
                }
            }
        }

        if (property.Minimum is { } min && property.Maximum is { } max && min > max)
        {
            reader.Error($"{path}.minimum", "Must not be greater than maximum.");
        }

        if (property.MaxRateOfChange is <= 0)
        {
            reader.Error($"{path}.maxRateOfChange", "Must be greater than 0.");
        }
    }

    private static string[] ReadEnumValues(DocumentReader reader, JsonObject item, string path, PropertyType? type)
    {
        var array = reader.Array(item, path, "values");
        if (type is PropertyType.Enum && item["values"] is null)
        {
            reader.Error($"{path}.values", "Is required for enum properties.");
            return [];
        }

        if (array is null)
        {
            return [];
        }

        if (type is not PropertyType.Enum)
        {
            reader.Error($"{path}.values", "Only enum properties take 'values'.");
            return [];
        }

        var values = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue value || value.GetValueKind() is not JsonValueKind.String)
            {
                reader.Error($"{path}.values[{i}]", "Must be a string.");
                continue;
            }

            var text = value.GetValue<string>();
            if (values.Contains(text, StringComparer.Ordinal))
            {
                reader.Error($"{path}.values[{i}]", $"'{text}' is listed more than once.");
                continue;
            }

            values.Add(text);
        }

        if (array.Count == 0)
        {
            reader.Error($"{path}.values", "Must list at least one value.");
        }

        return [.. values];
    }
}
