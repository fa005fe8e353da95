using System.Text.Json.Nodes;
using Mirrorspace.Domain.Models;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain.Tests.Twins;

public class StateUpdateValidatorTypeTests
{
    private static readonly TwinModel Gauge = ModelDocuments.ParseValidJson("""
        {
          "id": "gauge", "version": 1,
          "properties": [
            { "name": "reading", "type": "number", "writable": true },
            { "name": "count", "type": "integer", "writable": true },
            { "name": "enabled", "type": "boolean", "writable": true },
            { "name": "label", "type": "string", "writable": true },
            { "name": "mode", "type": "enum", "values": ["off", "manual", "auto"], "writable": true },
            { "name": "location", "type": "object", "writable": true }
          ]
        }
        """);

    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> AcceptedValues() => new()
    {
        { "reading", "1.5" },
        { "reading", "-3" },
        { "reading", "0" },
        { "reading", "1e-3" },
        { "count", "2" },
        { "count", "2.0" },
        { "count", "-7" },
        { "count", "1e2" },
        { "count", "9007199254740991" },
        { "enabled", "true" },
        { "enabled", "false" },
        { "label", "\"pump 1\"" },
        { "label", "\"\"" },
        { "mode", "\"off\"" },
        { "mode", "\"auto\"" },
        { "location", """{"latitude":52.37}""" },
        { "location", "{}" },
    };

    public static TheoryData<string, string, string> RefusedValues() => new()
    {
        { "reading", "\"1.5\"", "Must be a number." },
        { "reading", "true", "Must be a number." },
        { "reading", "[1]", "Must be a number." },
        { "reading", "{}", "Must be a number." },
        { "reading", "1e400", "Must be a finite number." },
        { "count", "1.5", "Must be an integer." },
        { "count", "\"2\"", "Must be an integer." },
        { "count", "2.000001", "Must be an integer." },
        { "count", "9007199254740993", "Must be an integer." },
        { "enabled", "\"true\"", "Must be true or false." },
        { "enabled", "1", "Must be true or false." },
        { "label", "5", "Must be a string." },
        { "label", "[\"a\"]", "Must be a string." },
        { "mode", "\"turbo\"", "Must be one of: off, manual, auto." },
        { "mode", "\"Auto\"", "Must be one of: off, manual, auto." },
        { "mode", "1", "Must be one of: off, manual, auto." },
        { "location", "[]", "Must be an object." },
        { "location", "\"north\"", "Must be an object." },
    };

    [Theory]
    [MemberData(nameof(AcceptedValues))]
    public void ValidateReported_ValueOfTheRightKind_IsAccepted(string property, string value)
    {
        var errors = StateUpdateValidator.ValidateReported(Gauge, new TwinState(), Patch(property, value), Now);

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(RefusedValues))]
    public void ValidateReported_ValueOfTheWrongKind_IsRefusedAtItsPath(string property, string value, string message)
    {
        var errors = StateUpdateValidator.ValidateReported(Gauge, new TwinState(), Patch(property, value), Now);

        var error = Assert.Single(errors);
        Assert.Equal($"$.{property}", error.Path);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [MemberData(nameof(AcceptedValues))]
    public void ValidateDesired_ValueOfTheRightKind_IsAccepted(string property, string value)
    {
        var errors = StateUpdateValidator.ValidateDesired(Gauge, Patch(property, value));

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(RefusedValues))]
    public void ValidateDesired_ValueOfTheWrongKind_IsRefusedAtItsPath(string property, string value, string message)
    {
        var errors = StateUpdateValidator.ValidateDesired(Gauge, Patch(property, value));

        var error = Assert.Single(errors);
        Assert.Equal($"$.{property}", error.Path);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void ValidateReported_StringAtMaxLength_IsAccepted()
    {
        var patch = new JsonObject { ["label"] = new string('x', StateUpdateValidator.MaxStringLength) };

        Assert.Empty(StateUpdateValidator.ValidateReported(Gauge, new TwinState(), Reparse(patch), Now));
    }

    [Fact]
    public void ValidateReported_StringOverMaxLength_IsRefused()
    {
        var patch = new JsonObject { ["label"] = new string('x', StateUpdateValidator.MaxStringLength + 1) };

        var error = Assert.Single(StateUpdateValidator.ValidateReported(Gauge, new TwinState(), Reparse(patch), Now));

        Assert.Equal("$.label", error.Path);
        Assert.Contains("at most 4096 characters", error.Message, StringComparison.Ordinal);
    }

    private static JsonObject Patch(string property, string value) => JsonNode.Parse($$"""{"{{property}}":{{value}}}""")!.AsObject();

    private static JsonObject Reparse(JsonObject patch) => JsonNode.Parse(patch.ToJsonString())!.AsObject();
}
