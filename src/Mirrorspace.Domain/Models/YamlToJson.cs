using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mirrorspace.Domain.Models;

/// <summary>
/// Converts a YAML document into the JSON tree the model parser validates, so both formats
/// share one validator. Plain scalars follow the YAML 1.2 core schema (null, booleans, numbers);
/// quoted scalars always stay strings.
/// </summary>
internal static class YamlToJson
{
    public static JsonNode? Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count != 1)
        {
            throw new YamlException($"Expected exactly one YAML document, found {stream.Documents.Count}.");
        }

        return ToNode(stream.Documents[0].RootNode);
    }

    private static JsonNode? ToNode(YamlNode node)
    {
        // YamlStream resolves aliases to shared nodes, so an anchor is the only trace of one; a self-referencing
        // anchor would otherwise recurse until the stack overflows, and nested ones expand exponentially.
        if (!node.Anchor.IsEmpty)
        {
            throw new YamlException(node.Start, node.End, "YAML anchors and aliases are not supported in model documents.");
        }

        return node switch
        {
            YamlMappingNode mapping => ToObject(mapping),
            YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToNode)]),
            YamlScalarNode scalar => ToScalar(scalar),
            _ => throw new YamlException(node.Start, node.End, "YAML aliases are not supported in model documents."),
        };
    }

    private static JsonObject ToObject(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                throw new YamlException(key.Start, key.End, "Mapping keys must be plain strings.");
            }

            if (!result.TryAdd(name, ToNode(value)))
            {
                throw new YamlException(key.Start, key.End, $"Duplicate key '{name}'.");
            }
        }

        return result;
    }

    private static JsonValue? ToScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            // Parsed rather than JsonValue.Create(long): a long-backed value refuses GetValue<double>().
            return (JsonValue)JsonNode.Parse(integer.ToString(CultureInfo.InvariantCulture))!;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }
}
