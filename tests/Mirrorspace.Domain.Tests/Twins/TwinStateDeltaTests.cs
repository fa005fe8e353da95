using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain.Tests.Twins;

public class TwinStateDeltaTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly TwinState _sut = new();
    private long _version;

    public TwinStateDeltaTests() => _sut.Apply(TwinEvents.Created(++_version, _time.GetUtcNow()));

    [Fact]
    public void Delta_NothingDesired_IsEmpty()
    {
        Report("""{"speed":1200,"mode":"manual"}""");

        Assert.Empty(_sut.Delta());
    }

    [Fact]
    public void Delta_DesiredDiffersFromReported_ContainsTheDesiredValue()
    {
        Report("""{"speed":1200,"mode":"manual"}""");
        Desire("""{"speed":1500}""");

        AssertDelta("""{"speed":1500}""");
    }

    [Fact]
    public void Delta_DesiredNotReportedYet_ContainsTheDesiredValue()
    {
        Desire("""{"mode":"auto"}""");

        AssertDelta("""{"mode":"auto"}""");
    }

    [Fact]
    public void Delta_DeviceReportsTheDesiredValue_BecomesEmpty()
    {
        Report("""{"speed":1200}""");
        Desire("""{"speed":1500,"mode":"auto"}""");

        Report("""{"speed":1500,"mode":"auto"}""");

        Assert.Empty(_sut.Delta());
    }

    [Fact]
    public void Delta_EqualNumberWrittenDifferently_IsNotADelta()
    {
        Report("""{"speed":1500.0}""");
        Desire("""{"speed":1500}""");

        Assert.Empty(_sut.Delta());
    }

    [Fact]
    public void Delta_DifferentJsonKinds_IsADelta()
    {
        Report("""{"speed":"1500"}""");
        Desire("""{"speed":1500}""");

        AssertDelta("""{"speed":1500}""");
    }

    [Fact]
    public void Delta_EqualNestedObjectsInAnotherMemberOrder_IsNotADelta()
    {
        Report("""{"location":{"latitude":52.37,"longitude":4.89,"site":{"name":"north","level":2}}}""");
        Desire("""{"location":{"site":{"level":2,"name":"north"},"longitude":4.89,"latitude":52.37}}""");

        Assert.Empty(_sut.Delta());
    }

    [Fact]
    public void Delta_NestedObjectsDifferingInOneMember_ContainsTheWholeDesiredObject()
    {
        Report("""{"location":{"latitude":52.37,"longitude":4.89}}""");
        Desire("""{"location":{"latitude":52.37,"longitude":4.9}}""");

        AssertDelta("""{"location":{"latitude":52.37,"longitude":4.9}}""");
    }

    [Fact]
    public void Delta_ReportedHasExtraMembersInANestedObject_IsADelta()
    {
        Report("""{"location":{"latitude":52.37,"longitude":4.89,"accuracy":5}}""");
        Desire("""{"location":{"latitude":52.37,"longitude":4.89}}""");

        AssertDelta("""{"location":{"latitude":52.37,"longitude":4.89}}""");
    }

    [Fact]
    public void Delta_DesiredRemoved_IsNoLongerInTheDelta()
    {
        Desire("""{"speed":1500,"mode":"auto"}""");

        Desire("""{"speed":null}""");

        AssertDelta("""{"mode":"auto"}""");
    }

    [Fact]
    public void Delta_Changed_DoesNotChangeDesired()
    {
        Desire("""{"location":{"site":"north"}}""");

        var delta = _sut.Delta();
        delta["location"]!["site"] = "south";

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"location":{"site":"north"}}"""), _sut.Desired));
    }

    private void Report(string patch) => _sut.Apply(TwinEvents.Reported(++_version, _time.GetUtcNow(), patch));

    private void Desire(string patch) => _sut.Apply(TwinEvents.Desired(++_version, _time.GetUtcNow(), patch));

    private void AssertDelta(string expected)
    {
        var delta = _sut.Delta();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), delta), $"Expected {expected} but was {delta.ToJsonString()}");
    }
}
