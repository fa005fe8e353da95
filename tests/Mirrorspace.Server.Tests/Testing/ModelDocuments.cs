namespace Mirrorspace.Server.Tests.Testing;

/// <summary>Small model documents built in the tests, for ids the sample models do not take.</summary>
public static class ModelDocuments
{
    /// <summary>A valid model with one numeric property, <c>level</c>.</summary>
    public static string Json(string id, int version = 1, string displayName = "Test tank") => $$"""
        {
          "id": "{{id}}",
          "version": {{version}},
          "displayName": "{{displayName}}",
          "properties": [ { "name": "level", "type": "number", "minimum": 0, "maximum": 10 } ]
        }
        """;

    /// <summary>The same model as <see cref="Json"/>, written in YAML.</summary>
    public static string Yaml(string id, int version = 1, string displayName = "Test tank") => $"""
        # A tank, in YAML.
        id: {id}
        version: {version}
        displayName: {displayName}
        properties:
          - name: level
            type: number
            minimum: 0
            maximum: 10
        """;
}
