using Mirrorspace.Domain.Common;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests;

/// <summary>Builds small inline model documents for tests.</summary>
public static class ModelDocuments
{
    /// <summary>A valid document with the given JSON array text as its properties.</summary>
    public static string WithProperties(string propertiesJson) =>
        $$"""{ "id": "test-model", "version": 1, "properties": {{propertiesJson}} }""";

    public static TwinModel ParseValidJson(string json)
    {
        var result = ModelDocumentParser.ParseJson(json);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Model;
    }

    public static string[] SortedPaths(IEnumerable<ValidationError> errors) =>
        [.. errors.Select(e => e.Path).Order(StringComparer.Ordinal)];

    /// <summary>Asserts exactly one error, at <paramref name="path"/>, whose message contains <paramref name="fragment"/>.</summary>
    public static void AssertSingleError(ModelParseResult result, string path, string fragment)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Model);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }
}
