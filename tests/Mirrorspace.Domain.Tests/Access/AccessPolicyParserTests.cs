using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests.Access;

public sealed class AccessPolicyParserTests
{
    [Fact]
    public void ValidPolicy_IsRead()
    {
        var result = AccessPolicyParser.ParseJson("""
            {"purposes":["care","research"],
             "purposeOfUse":{"health":["care"],"personal":["care","research"]},
             "entries":[{"name":"technicians see no vitals","subjects":["role:operator","user:tech"],
                         "resources":["model:patient-monitor/heartRate","twin:monitor-1"],"grant":[],"revoke":["readTwins"]}]}
            """);

        var policy = Assert.IsType<AccessPolicy>(result.Policy);
        Assert.True(policy.AllowsPurpose(DataClassification.Health, "care"));
        Assert.False(policy.AllowsPurpose(DataClassification.Health, "research"));
        Assert.True(policy.AllowsPurpose(DataClassification.Proprietary, null));
        var entry = Assert.Single(policy.Entries);
        Assert.Equal(["model:patient-monitor/heartRate", "twin:monitor-1"], entry.Resources.Select(r => r.ToString()));
        Assert.Equal([Permission.ReadTwins], entry.Revoke);
    }

    [Fact]
    public void EveryError_IsReportedWithItsPath()
    {
        var result = AccessPolicyParser.ParseJson("""
            {"purposes":["Care!"],
             "purposeOfUse":{"public":["care"],"health":["unknown"]},
             "entries":[{"name":"x","subjects":["role:boss",""],"resources":["device:1","twin:a/b c"],"grant":["readEverything"]},
                        {"name":"y","subjects":["*"],"resources":["*"]},
                        5],
             "extra":true}
            """);

        Assert.Null(result.Policy);
        var paths = result.Errors.Select(e => e.Path).ToHashSet();
        Assert.Contains("$.purposes[0]", paths);
        Assert.Contains("$.purposeOfUse.public", paths);
        Assert.Contains("$.purposeOfUse.health[0]", paths);
        Assert.Contains("$.entries[0].subjects[0]", paths);
        Assert.Contains("$.entries[0].subjects[1]", paths);
        Assert.Contains("$.entries[0].resources[0]", paths);
        Assert.Contains("$.entries[0].resources[1]", paths);
        Assert.Contains("$.entries[0].grant[0]", paths);
        Assert.Contains("$.entries[1]", paths);
        Assert.Contains("$.entries[2]", paths);
        Assert.Contains("$.extra", paths);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"entries\":")]
    public void NotAnObject_IsRefused(string json) =>
        Assert.False(AccessPolicyParser.ParseJson(json).IsValid);

    [Fact]
    public void TooManyEntries_AreRefused()
    {
        var entry = """{"name":"e","subjects":["*"],"resources":["*"],"grant":["readTwins"]}""";
        var json = $$"""{"entries":[{{string.Join(",", Enumerable.Repeat(entry, AccessPolicyParser.MaxEntries + 1))}}]}""";

        Assert.Equal("$.entries", Assert.Single(AccessPolicyParser.ParseJson(json).Errors).Path);
    }

    [Theory]
    [InlineData("*", "*")]
    [InlineData("model:centrifugal-pump", "model:centrifugal-pump")]
    [InlineData("twin:pump-1/speed", "twin:pump-1/speed")]
    [InlineData("*/operatorName", "*/operatorName")]
    public void Selectors_RoundTrip(string text, string expected)
    {
        Assert.True(ResourceSelector.TryParse(text, out var selector, out _));
        Assert.Equal(expected, selector.ToString());
    }

    [Theory]
    [InlineData("model:")]
    [InlineData("twin:../x")]
    [InlineData("tenant:other")]
    [InlineData("twin:pump-1/")]
    [InlineData("**")]
    public void BadSelectors_AreRefused(string text) =>
        Assert.False(ResourceSelector.TryParse(text, out _, out _));
}
