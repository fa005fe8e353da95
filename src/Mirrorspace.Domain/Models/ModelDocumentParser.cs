using System.Text.Json;
using System.Text.Json.Nodes;
using Mirrorspace.Domain.Common;
using YamlDotNet.Core;

namespace Mirrorspace.Domain.Models;

/// <summary>Parses a model document (JSON or YAML) and validates all of it, reporting every error with its JSON path.</summary>
public static class ModelDocumentParser
{
    public const int MaxMembers = 500;

    public static ModelParseResult ParseJson(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            return Failed(new ValidationError("$", $"Not valid JSON: {ex.Message}"));
        }

        return Parse(root);
    }

    public static ModelParseResult ParseYaml(string yaml)
    {
        JsonNode? root;
        try
        {
            root = YamlToJson.Convert(yaml);
        }
        catch (YamlException ex)
        {
            return Failed(new ValidationError("$", $"Not valid YAML at line {ex.Start.Line}: {ex.Message}"));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these instead of a YamlException on some malformed input, e.g. an unclosed flow collection.
            return Failed(new ValidationError("$", $"Not valid YAML: {ex.Message}"));
        }

        return Parse(root);
    }

    public static ModelParseResult Parse(JsonNode? root)
    {
        if (root is not JsonObject document)
        {
            return Failed(new ValidationError("$", "A model document must be an object."));
        }

        var errors = new List<ValidationError>();
        var reader = new DocumentReader(errors);
        reader.RejectUnknownMembers(document, "$", "id", "version", "displayName", "description", "sync", "properties", "telemetry", "commands", "relationships", "behaviours");

        var id = reader.String(document, "$", "id", required: true);
        if (id is not null && !Identifiers.IsValidModelId(id))
        {
            reader.Error("$.id", "Must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit, at most 128 characters.");
        }

        var version = reader.Integer(document, "$", "version", required: true);
        if (version is < 1)
        {
            reader.Error("$.version", "Must be 1 or greater.");
        }

        var sync = SyncContractReader.Read(reader, document, "$", SyncContract.Default);
        var properties = new Dictionary<string, PropertyDefinition>(StringComparer.Ordinal);
        PropertyReader.ReadAll(reader, document, "properties", isTelemetry: false, sync, properties);
        PropertyReader.ReadAll(reader, document, "telemetry", isTelemetry: true, sync, properties);
        var commands = ReadCommands(reader, document);
        var relationships = ReadRelationships(reader, document);
        var behaviours = BehaviourReader.ReadAll(reader, document, properties);
        var displayName = reader.String(document, "$", "displayName");
        var description = reader.String(document, "$", "description", maxLength: 4096);

        if (errors.Count > 0)
        {
            return new ModelParseResult { Errors = errors };
        }

        var model = new TwinModel
        {
            Id = id!,
            Version = (int)version!.Value,
            DisplayName = displayName,
            Description = description,
            Sync = sync,
            Properties = properties,
            Commands = commands,
            Relationships = relationships,
            Behaviours = behaviours,
        };
        return new ModelParseResult { Model = model, CanonicalJson = document.ToJsonString() };
    }

    private static Dictionary<string, CommandDefinition> ReadCommands(DocumentReader reader, JsonObject document)
    {
        var commands = new Dictionary<string, CommandDefinition>(StringComparer.Ordinal);
        foreach (var (item, path) in reader.Objects(document, "$", "commands", MaxMembers))
        {
            reader.RejectUnknownMembers(item, path, "name", "description", "classification");
            var name = NameReader.Read(reader, item, path, commands.ContainsKey);
            var classification = reader.Enum<DataClassification>(item, path, "classification") ?? DataClassification.Proprietary;
            var description = reader.String(item, path, "description", maxLength: 4096);
            if (name is not null)
            {
                commands[name] = new CommandDefinition { Name = name, Description = description, Classification = classification };
            }
        }

        return commands;
    }

    private static Dictionary<string, RelationshipDefinition> ReadRelationships(DocumentReader reader, JsonObject document)
    {
        var relationships = new Dictionary<string, RelationshipDefinition>(StringComparer.Ordinal);
        foreach (var (item, path) in reader.Objects(document, "$", "relationships", MaxMembers))
        {
            reader.RejectUnknownMembers(item, path, "name", "target", "description");
            var name = NameReader.Read(reader, item, path, relationships.ContainsKey);
            var target = reader.String(item, path, "target");
            if (target is not null && !Identifiers.IsValidModelId(target))
            {
                reader.Error($"{path}.target", "Must be a model id.");
            }

            var description = reader.String(item, path, "description", maxLength: 4096);
            if (name is not null)
            {
                relationships[name] = new RelationshipDefinition { Name = name, TargetModel = target, Description = description };
            }
        }

        return relationships;
    }

    private static ModelParseResult Failed(ValidationError error) => new() { Errors = [error] };
}
