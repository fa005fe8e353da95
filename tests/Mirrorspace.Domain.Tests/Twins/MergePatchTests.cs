using System.Text.Json.Nodes;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain.Tests.Twins;

public class MergePatchTests
{
    /// <summary>
    /// RFC 7396 Appendix A. Cases whose target or patch is not an object are nested one level under "x",
    /// since a twin's patch is always an object at the top.
    /// </summary>
    public static TheoryData<string, string, string> Rfc7396AppendixA() => new()
    {
        { """{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""" },
        { """{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""" },
        { """{"a":"b"}""", """{"a":null}""", """{}""" },
        { """{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""" },
        { """{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""" },
        { """{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""" },
        { """{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""" },
        { """{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""" },
        { """{"x":["a","b"]}""", """{"x":["c","d"]}""", """{"x":["c","d"]}""" },
        { """{"x":{"a":"b"}}""", """{"x":["c"]}""", """{"x":["c"]}""" },
        { """{"x":{"a":"foo"}}""", """{"x":null}""", """{}""" },
        { """{"x":{"a":"foo"}}""", """{"x":"bar"}""", """{"x":"bar"}""" },
        { """{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""" },
        { """{"x":[1,2]}""", """{"x":{"a":"b","c":null}}""", """{"x":{"a":"b"}}""" },
        { """{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""" },
    };

    [Theory]
    [MemberData(nameof(Rfc7396AppendixA))]
    public void Apply_Rfc7396AppendixACase_GivesTheRfcResult(string target, string patch, string expected)
    {
        var document = Parse(target);

        MergePatch.Apply(document, Parse(patch));

        AssertJson(expected, document);
    }

    [Fact]
    public void Apply_NestedObjects_MergesAtEveryLevel()
    {
        var document = Parse("""{"location":{"site":"north","gps":{"lat":52.1,"lon":4.3}},"speed":10}""");

        MergePatch.Apply(document, Parse("""{"location":{"gps":{"lat":52.2,"alt":3},"room":"b2"}}"""));

        AssertJson("""{"location":{"site":"north","gps":{"lat":52.2,"lon":4.3,"alt":3},"room":"b2"},"speed":10}""", document);
    }

    [Fact]
    public void Apply_NullMember_RemovesItAndLeavesOthers()
    {
        var document = Parse("""{"speed":10,"mode":"auto","location":{"site":"north","room":"b2"}}""");

        MergePatch.Apply(document, Parse("""{"speed":null,"location":{"room":null}}"""));

        AssertJson("""{"mode":"auto","location":{"site":"north"}}""", document);
    }

    [Fact]
    public void Apply_NullForMissingMember_ChangesNothing()
    {
        var document = Parse("""{"speed":10}""");

        MergePatch.Apply(document, Parse("""{"mode":null,"location":{"room":null}}"""));

        AssertJson("""{"speed":10,"location":{}}""", document);
    }

    [Fact]
    public void Apply_Array_IsReplacedWholesale()
    {
        var document = Parse("""{"alarms":[{"code":1,"active":true},{"code":2}]}""");

        MergePatch.Apply(document, Parse("""{"alarms":[{"active":false}]}"""));

        AssertJson("""{"alarms":[{"active":false}]}""", document);
    }

    [Fact]
    public void Apply_NullInsideAnArray_IsKept()
    {
        var document = Parse("""{"readings":[1,2]}""");

        MergePatch.Apply(document, Parse("""{"readings":[1,null,3]}"""));

        AssertJson("""{"readings":[1,null,3]}""", document);
    }

    [Fact]
    public void Apply_EmptyPatch_ChangesNothing()
    {
        var document = Parse("""{"speed":10,"location":{"site":"north"}}""");

        MergePatch.Apply(document, []);

        AssertJson("""{"speed":10,"location":{"site":"north"}}""", document);
    }

    [Fact]
    public void Apply_PatchChangedAfterwards_DoesNotChangeTheTarget()
    {
        var document = Parse("""{}""");
        var patch = Parse("""{"location":{"site":"north"},"alarms":[1],"speed":10}""");

        MergePatch.Apply(document, patch);
        patch["location"]!["site"] = "south";
        patch["alarms"]!.AsArray().Add(2);
        patch["speed"] = 11;

        AssertJson("""{"location":{"site":"north"},"alarms":[1],"speed":10}""", document);
    }

    [Fact]
    public void Apply_SamePatchTwice_IsIdempotent()
    {
        var document = Parse("""{"a":{"b":1},"c":[1]}""");
        var patch = Parse("""{"a":{"b":null,"d":2},"c":[2],"e":null}""");

        MergePatch.Apply(document, patch);
        MergePatch.Apply(document, patch);

        AssertJson("""{"a":{"d":2},"c":[2]}""", document);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static void AssertJson(string expected, JsonObject actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"Expected {expected} but was {actual.ToJsonString()}");
}
