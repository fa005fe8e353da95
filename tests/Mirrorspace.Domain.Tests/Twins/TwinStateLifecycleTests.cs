using Microsoft.Extensions.Time.Testing;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain.Tests.Twins;

public class TwinStateLifecycleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly TwinState _sut = new();

    [Fact]
    public void Apply_Deleted_ClearsStateButKeepsVersion()
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow()));
        _sut.Apply(TwinEvents.Reported(2, _time.GetUtcNow(), """{"speed":1200}"""));
        _sut.Apply(TwinEvents.Desired(3, _time.GetUtcNow(), """{"speed":1500}"""));
        _time.Advance(TimeSpan.FromHours(1));

        _sut.Apply(TwinEvents.Deleted(4, _time.GetUtcNow()));

        Assert.False(_sut.Exists);
        Assert.Equal(4, _sut.Version);
        Assert.Equal(_time.GetUtcNow(), _sut.UpdatedAt);
        Assert.Equal(string.Empty, _sut.ModelId);
        Assert.Equal(0, _sut.ModelVersion);
        Assert.Empty(_sut.Reported);
        Assert.Empty(_sut.Desired);
        Assert.Empty(_sut.ReportedMetadata);
        Assert.Empty(_sut.DesiredMetadata);
        Assert.Empty(_sut.Delta());
    }

    [Fact]
    public void Apply_CreatedAfterDeleted_StartsCleanWithHigherVersions()
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow(), "centrifugal-pump"));
        _sut.Apply(TwinEvents.Reported(2, _time.GetUtcNow(), """{"speed":1200}"""));
        _sut.Apply(TwinEvents.Desired(3, _time.GetUtcNow(), """{"mode":"auto"}"""));
        _sut.Apply(TwinEvents.Deleted(4, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromDays(1));
        var recreatedAt = _time.GetUtcNow();

        _sut.Apply(TwinEvents.Created(5, recreatedAt, "pump-station", 3));

        Assert.True(_sut.Exists);
        Assert.Equal("pump-station", _sut.ModelId);
        Assert.Equal(3, _sut.ModelVersion);
        Assert.Equal(5, _sut.Version);
        Assert.Equal(recreatedAt, _sut.CreatedAt);
        Assert.Empty(_sut.Reported);
        Assert.Empty(_sut.Desired);
        Assert.Empty(_sut.ReportedMetadata);
        Assert.Empty(_sut.DesiredMetadata);
    }

    [Fact]
    public void Apply_EventAfterRecreationWithAVersionFromBeforeTheDelete_Throws()
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow()));
        _sut.Apply(TwinEvents.Deleted(2, _time.GetUtcNow()));
        _sut.Apply(TwinEvents.Created(3, _time.GetUtcNow()));

        Assert.Throws<InvalidOperationException>(() => _sut.Apply(TwinEvents.Reported(2, _time.GetUtcNow(), """{"speed":1}""")));
        Assert.Throws<InvalidOperationException>(() => _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow())));
        Assert.Equal(3, _sut.Version);
    }

    [Fact]
    public void Apply_PatchAfterRecreation_RecordsTheNewVersion()
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow()));
        _sut.Apply(TwinEvents.Reported(2, _time.GetUtcNow(), """{"speed":1200,"mode":"auto"}"""));
        _sut.Apply(TwinEvents.Deleted(3, _time.GetUtcNow()));
        _sut.Apply(TwinEvents.Created(4, _time.GetUtcNow()));

        _sut.Apply(TwinEvents.Reported(5, _time.GetUtcNow(), """{"speed":900}"""));

        Assert.Equal(["speed"], _sut.Reported.Select(p => p.Key));
        Assert.Equal(5, _sut.ReportedMetadata["speed"].Version);
    }

    [Fact]
    public void Apply_CreatedOnExistingTwin_ResetsState()
    {
        _sut.Apply(TwinEvents.Created(1, _time.GetUtcNow(), "centrifugal-pump", 1));
        _sut.Apply(TwinEvents.Reported(2, _time.GetUtcNow(), """{"speed":1200}"""));

        _sut.Apply(TwinEvents.Created(3, _time.GetUtcNow(), "centrifugal-pump", 2));

        Assert.Equal(2, _sut.ModelVersion);
        Assert.Empty(_sut.Reported);
        Assert.Empty(_sut.ReportedMetadata);
    }
}
