using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain.Tests.Twins;

public class TwinStateSnapshotTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly TwinState _sut = new();

    public TwinStateSnapshotTests()
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow().ToOffset(TimeSpan.FromHours(2)), "pump-station", 2));
        _time.Advance(TimeSpan.FromSeconds(1.5));
        _sut.Apply(TwinEvents.Reported(2, _time.GetUtcNow(), """{"name":"North","location":{"latitude":52.37,"longitude":4.89},"inletPressure":3.25}"""));
        _time.Advance(TimeSpan.FromMilliseconds(250));
        _sut.Apply(TwinEvents.Desired(3, _time.GetUtcNow(), """{"name":"North station","tags":["a","b"]}""", "apikey:3f9a"));
        _sut.Apply(TwinEvents.Event(4, _time.GetUtcNow(), TwinEventKind.RelationshipAdded, """{"name":"contains","target":"pump-1"}""", "apikey:3f9a"));
    }

    [Fact]
    public void FromSnapshot_OfToSnapshot_GivesAnEqualState()
    {
        var snapshot = _sut.ToSnapshot();

        var restored = TwinState.FromSnapshot(snapshot);

        TwinStateAssert.Equal(_sut, restored);
        Assert.Equal(4, restored.Version);
        Assert.Equal("pump-station", restored.ModelId);
        Assert.Equal(2, restored.ModelVersion);
    }

    [Fact]
    public void FromSnapshot_AfterJsonRoundTrip_GivesAnEqualState()
    {
        var json = JsonSerializer.Serialize(_sut.ToSnapshot(), DomainJsonContext.Default.TwinSnapshotDocument);

        var snapshot = JsonSerializer.Deserialize(json, DomainJsonContext.Default.TwinSnapshotDocument);
        var restored = TwinState.FromSnapshot(snapshot!);

        TwinStateAssert.Equal(_sut, restored);
        Assert.Equal(_sut.Delta().ToJsonString(), restored.Delta().ToJsonString());
    }

    [Fact]
    public void ToSnapshot_Json_UsesCamelCaseMemberNames()
    {
        var json = JsonSerializer.Serialize(_sut.ToSnapshot(), DomainJsonContext.Default.TwinSnapshotDocument);

        using var document = JsonDocument.Parse(json);
        var names = document.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["createdAt", "desired", "desiredMetadata", "exists", "modelId", "modelVersion", "reported", "reportedMetadata", "updatedAt", "version"],
            names);
    }

    [Fact]
    public void FromSnapshot_OfADeletedTwin_KeepsTheVersion()
    {
        _sut.Apply(TwinEvents.Deleted(5, _time.GetUtcNow()));
        var json = JsonSerializer.Serialize(_sut.ToSnapshot(), DomainJsonContext.Default.TwinSnapshotDocument);

        var restored = TwinState.FromSnapshot(JsonSerializer.Deserialize(json, DomainJsonContext.Default.TwinSnapshotDocument)!);

        Assert.False(restored.Exists);
        Assert.Equal(5, restored.Version);
        Assert.Throws<InvalidOperationException>(() => restored.Apply(TwinEvents.Created(5, _time.GetUtcNow())));
    }

    [Fact]
    public void RestoredState_ApplyingTheSameEvents_StaysEqualToTheOriginal()
    {
        var restored = TwinState.FromSnapshot(_sut.ToSnapshot());
        _time.Advance(TimeSpan.FromSeconds(1));
        TwinEvent[] next =
        [
            TwinEvents.Reported(5, _time.GetUtcNow(), """{"name":"North station","location":{"longitude":null}}"""),
            TwinEvents.Desired(6, _time.GetUtcNow(), """{"tags":null}"""),
        ];

        foreach (var change in next)
        {
            _sut.Apply(change);
            restored.Apply(change);
        }

        TwinStateAssert.Equal(_sut, restored);
        Assert.Empty(restored.Delta());
    }

    [Fact]
    public void ToSnapshot_ChangedAfterwards_DoesNotChangeTheState()
    {
        var snapshot = _sut.ToSnapshot();

        snapshot.Reported["name"] = "South";
        snapshot.ReportedMetadata.Clear();

        Assert.Equal("North", _sut.Reported["name"]!.GetValue<string>());
        Assert.NotEmpty(_sut.ReportedMetadata);
    }

    [Fact]
    public void FromSnapshot_SnapshotChangedAfterwards_DoesNotChangeTheState()
    {
        var snapshot = _sut.ToSnapshot();
        var restored = TwinState.FromSnapshot(snapshot);

        snapshot.Desired.Remove("name");
        snapshot.DesiredMetadata.Clear();

        Assert.True(restored.Desired.ContainsKey("name"));
        Assert.NotEmpty(restored.DesiredMetadata);
    }

    [Fact]
    public void FromSnapshot_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => TwinState.FromSnapshot(null!));
    }
}
