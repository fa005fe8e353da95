using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain.Tests.Twins;

public class TwinStateApplyTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly TwinState _sut = new();

    [Fact]
    public void New_State_DoesNotExistAndHasVersionZero()
    {
        Assert.False(_sut.Exists);
        Assert.Equal(0, _sut.Version);
        Assert.Equal(string.Empty, _sut.ModelId);
        Assert.Empty(_sut.Reported);
        Assert.Empty(_sut.Desired);
        Assert.Empty(_sut.ReportedMetadata);
        Assert.Empty(_sut.DesiredMetadata);
    }

    [Fact]
    public void Apply_Created_SetsModelAndTimes()
    {
        var createdAt = _time.GetUtcNow();

        _sut.Apply(TwinEvents.Created(1, createdAt, "centrifugal-pump", 2));

        Assert.True(_sut.Exists);
        Assert.Equal("centrifugal-pump", _sut.ModelId);
        Assert.Equal(2, _sut.ModelVersion);
        Assert.Equal(1, _sut.Version);
        Assert.Equal(createdAt, _sut.CreatedAt);
        Assert.Equal(createdAt, _sut.UpdatedAt);
    }

    [Fact]
    public void Apply_ReportedPatched_MergesIntoReportedOnly()
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(1));

        _sut.Apply(TwinEvents.Reported(2, _time.GetUtcNow(), """{"temperature":21.5,"speed":1200}"""));
        _sut.Apply(TwinEvents.Reported(3, _time.GetUtcNow(), """{"speed":1300}"""));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"temperature":21.5,"speed":1300}"""), _sut.Reported));
        Assert.Empty(_sut.Desired);
        Assert.Empty(_sut.DesiredMetadata);
        Assert.Equal(3, _sut.Version);
    }

    [Fact]
    public void Apply_WithThePayloadParsedAlready_EndsInTheSameStateAndKeepsNoNodeOfIt()
    {
        const string Payload = """{"temperature":21.50,"mode":{"name":"eco","level":2},"speed":null}""";
        var replayed = new TwinState();
        foreach (var state in new[] { _sut, replayed })
        {
            state.Apply(TwinEvents.Created(1, _time.GetUtcNow()));
            state.Apply(TwinEvents.Reported(2, _time.GetUtcNow(), """{"speed":1200}"""));
        }

        var parsed = (JsonObject)JsonNode.Parse(Payload)!;
        _sut.Apply(TwinEvents.Reported(3, _time.GetUtcNow(), Payload), parsed);
        replayed.Apply(TwinEvents.Reported(3, _time.GetUtcNow(), Payload));

        // The writer keeps its patch: changing it afterwards must not reach the state.
        parsed["temperature"] = 99;
        parsed["mode"]!["name"] = "boost";
        Assert.Equal(JsonSerializer.Serialize(replayed.ToSnapshot()), JsonSerializer.Serialize(_sut.ToSnapshot()));
        Assert.Equal("21.50", _sut.Reported["temperature"]!.ToJsonString());
    }

    [Fact]
    public void Apply_DesiredPatched_MergesIntoDesiredOnly()
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow()));

        _sut.Apply(TwinEvents.Desired(2, _time.GetUtcNow(), """{"speed":1500,"mode":"auto"}"""));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"speed":1500,"mode":"auto"}"""), _sut.Desired));
        Assert.Empty(_sut.Reported);
        Assert.Empty(_sut.ReportedMetadata);
        Assert.Equal(["mode", "speed"], _sut.DesiredMetadata.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Apply_ReportedPatched_RecordsMetadataPerProperty()
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(5));
        var first = _time.GetUtcNow();
        _sut.Apply(TwinEvents.Reported(2, first, """{"temperature":21.5,"speed":1200}""", "device:pump-1"));
        _time.Advance(TimeSpan.FromSeconds(5));
        var second = _time.GetUtcNow();

        _sut.Apply(TwinEvents.Reported(3, second, """{"speed":1300}""", "device:gateway-7"));

        Assert.Equal(new PropertyMetadata { LastUpdated = first, Source = "device:pump-1", Version = 2 }, _sut.ReportedMetadata["temperature"]);
        Assert.Equal(new PropertyMetadata { LastUpdated = second, Source = "device:gateway-7", Version = 3 }, _sut.ReportedMetadata["speed"]);
        Assert.Equal(PropertyQuality.Good, _sut.ReportedMetadata["speed"].Quality);
        Assert.Equal(second, _sut.UpdatedAt);
    }

    [Fact]
    public void Apply_DesiredPatched_RecordsMetadataWithTheSource()
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMinutes(1));

        _sut.Apply(TwinEvents.Desired(2, _time.GetUtcNow(), """{"speed":1500}""", "apikey:3f9a"));

        Assert.Equal(new PropertyMetadata { LastUpdated = _time.GetUtcNow(), Source = "apikey:3f9a", Version = 2 }, _sut.DesiredMetadata["speed"]);
    }

    [Fact]
    public void Apply_NullInPatch_RemovesValueAndMetadata()
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow()));
        _sut.Apply(TwinEvents.Reported(2, _time.GetUtcNow(), """{"temperature":21.5,"speed":1200}"""));
        _sut.Apply(TwinEvents.Desired(3, _time.GetUtcNow(), """{"speed":1500}"""));

        _sut.Apply(TwinEvents.Reported(4, _time.GetUtcNow(), """{"temperature":null}"""));
        _sut.Apply(TwinEvents.Desired(5, _time.GetUtcNow(), """{"speed":null}"""));

        Assert.False(_sut.Reported.ContainsKey("temperature"));
        Assert.False(_sut.ReportedMetadata.ContainsKey("temperature"));
        Assert.True(_sut.ReportedMetadata.ContainsKey("speed"));
        Assert.Empty(_sut.Desired);
        Assert.Empty(_sut.DesiredMetadata);
    }

    [Fact]
    public void Apply_NestedPatch_UpdatesTheTopLevelPropertyMetadata()
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow(), "pump-station"));
        _sut.Apply(TwinEvents.Reported(2, _time.GetUtcNow(), """{"location":{"latitude":52.37,"longitude":4.89}}"""));
        _time.Advance(TimeSpan.FromSeconds(3));

        _sut.Apply(TwinEvents.Reported(3, _time.GetUtcNow(), """{"location":{"longitude":null,"site":"north"}}"""));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"location":{"latitude":52.37,"site":"north"}}"""), _sut.Reported));
        Assert.Equal(3, _sut.ReportedMetadata["location"].Version);
        Assert.Equal(_time.GetUtcNow(), _sut.ReportedMetadata["location"].LastUpdated);
    }

    [Theory]
    [InlineData(TwinEventKind.RelationshipAdded)]
    [InlineData(TwinEventKind.RelationshipRemoved)]
    public void Apply_RelationshipEvent_OnlyBumpsVersionAndUpdatedAt(TwinEventKind kind)
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow()));
        _sut.Apply(TwinEvents.Reported(2, _time.GetUtcNow(), """{"speed":1200}"""));
        var before = _sut.ToSnapshot();
        _time.Advance(TimeSpan.FromSeconds(9));
        var payload = JsonSerializer.Serialize(new RelationshipChange { Name = "feeds", TargetId = "reservoir-1" }, DomainJsonContext.Default.RelationshipChange);

        _sut.Apply(TwinEvents.Event(3, _time.GetUtcNow(), kind, payload, TwinEvents.UserSource));

        Assert.Equal(3, _sut.Version);
        Assert.Equal(_time.GetUtcNow(), _sut.UpdatedAt);
        TwinStateAssert.Equal(before with { Version = 3, UpdatedAt = _time.GetUtcNow() }, _sut);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    public void Apply_VersionNotAboveCurrent_ThrowsAndLeavesStateUnchanged(long version)
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow()));
        _sut.Apply(TwinEvents.Reported(2, _time.GetUtcNow(), """{"speed":1200}"""));
        var before = _sut.ToSnapshot();

        var ex = Assert.Throws<InvalidOperationException>(() => _sut.Apply(TwinEvents.Reported(version, _time.GetUtcNow(), """{"speed":1}""")));

        Assert.Contains("does not follow state version 2", ex.Message, StringComparison.Ordinal);
        TwinStateAssert.Equal(before, _sut);
    }

    [Fact]
    public void Apply_FirstEventWithVersionZero_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => _sut.Apply(TwinEvents.Created(0, _time.GetUtcNow())));
    }

    [Fact]
    public void Apply_VersionSkippingAhead_IsAccepted()
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow()));

        _sut.Apply(TwinEvents.Reported(10, _time.GetUtcNow(), """{"speed":1200}"""));

        Assert.Equal(10, _sut.Version);
        Assert.Equal(10, _sut.ReportedMetadata["speed"].Version);
    }

    [Fact]
    public void Apply_PatchPayloadNotAnObject_Throws()
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow()));

        Assert.Throws<InvalidOperationException>(() => _sut.Apply(TwinEvents.Reported(2, _time.GetUtcNow(), "[1]")));
        Assert.Equal(1, _sut.Version);
    }

    [Fact]
    public void Apply_UnknownEventKind_ThrowsAndKeepsVersion()
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow()));

        Assert.Throws<InvalidOperationException>(() => _sut.Apply(TwinEvents.Event(2, _time.GetUtcNow(), (TwinEventKind)99, "{}", TwinEvents.UserSource)));
        Assert.Equal(1, _sut.Version);
    }

    [Fact]
    public void Apply_NullEvent_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => _sut.Apply(null!));
    }
}
