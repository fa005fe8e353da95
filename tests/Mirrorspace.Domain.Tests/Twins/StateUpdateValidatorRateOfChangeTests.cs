using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Mirrorspace.Domain.Common;
using Mirrorspace.Domain.Models;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain.Tests.Twins;

/// <summary>The pump's temperature may change by at most 2 °C per second; vibration has no limit.</summary>
public class StateUpdateValidatorRateOfChangeTests
{
    private static readonly TwinModel Pump = SampleModels.Load(SampleModels.CentrifugalPump);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly TwinState _state = new();
    private long _version;

    public StateUpdateValidatorRateOfChangeTests() => _state.Apply(TwinEvents.Created(++_version, _time.GetUtcNow()));

    [Fact]
    public void ValidateReported_FirstReading_HasNoRateCheck()
    {
        var errors = Validate("""{"temperature":110}""");

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(29)]
    [InlineData(11)]
    [InlineData(30)]
    [InlineData(10)]
    public void ValidateReported_ChangeWithinTheRate_IsAccepted(double next)
    {
        Report("""{"temperature":20}""");
        _time.Advance(TimeSpan.FromSeconds(5));

        var errors = Validate($$"""{"temperature":{{next}}}""");

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(30.5)]
    [InlineData(9.5)]
    [InlineData(-20)]
    public void ValidateReported_ChangeFasterThanTheRate_IsRefused(double next)
    {
        Report("""{"temperature":20}""");
        _time.Advance(TimeSpan.FromSeconds(5));

        var errors = Validate($$"""{"temperature":{{next}}}""");

        var error = Assert.Single(errors);
        Assert.Equal("$.temperature", error.Path);
        Assert.Contains("in 5 s; the maximum rate of change is 2 °C/s.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateReported_ChangeAtTheSameTimestamp_IsRefused()
    {
        Report("""{"temperature":20}""");

        var errors = Validate("""{"temperature":20.01}""");

        var error = Assert.Single(errors);
        Assert.Equal("$.temperature", error.Path);
        Assert.Contains("in 0 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateReported_ChangeStampedBeforeTheLastReading_IsRefused()
    {
        Report("""{"temperature":20}""");

        var errors = StateUpdateValidator.ValidateReported(Pump, _state, Patch("""{"temperature":20.5}"""), _time.GetUtcNow().AddSeconds(-10));

        Assert.Equal("$.temperature", Assert.Single(errors).Path);
    }

    [Fact]
    public void ValidateReported_NoChangeAtTheSameTimestamp_IsAccepted()
    {
        Report("""{"temperature":20}""");

        var errors = Validate("""{"temperature":20.0}""");

        Assert.Empty(errors);
    }

    [Fact]
    public void ValidateReported_LargeChangeAfterALongTime_IsAccepted()
    {
        Report("""{"temperature":-20}""");
        _time.Advance(TimeSpan.FromMinutes(2));

        var errors = Validate("""{"temperature":120}""");

        Assert.Empty(errors);
    }

    [Fact]
    public void ValidateReported_PropertyWithoutMaxRate_AcceptsAnyJump()
    {
        Report("""{"vibration":0}""");

        var errors = Validate("""{"vibration":50}""");

        Assert.Empty(errors);
    }

    [Fact]
    public void ValidateReported_Rate_IsMeasuredFromThePropertysOwnLastUpdate()
    {
        Report("""{"temperature":20}""");
        _time.Advance(TimeSpan.FromSeconds(9));
        Report("""{"vibration":3}""");
        _time.Advance(TimeSpan.FromSeconds(1));

        var errors = Validate("""{"temperature":39}""");

        Assert.Empty(errors);
    }

    [Fact]
    public void ValidateReported_AfterThePreviousValueWasRemoved_HasNoRateCheck()
    {
        Report("""{"temperature":20}""");
        Report("""{"temperature":null}""");

        var errors = Validate("""{"temperature":100}""");

        Assert.Empty(errors);
    }

    [Fact]
    public void ValidateReported_ValueOutOfBounds_ReportsOnlyTheBoundsError()
    {
        Report("""{"temperature":20}""");

        var errors = Validate("""{"temperature":500}""");

        var error = Assert.Single(errors);
        Assert.Contains("above the maximum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateReported_SubUnitRateOverAFractionOfASecond_IsChecked()
    {
        var monitor = SampleModels.Load(SampleModels.PatientMonitor);
        Report("""{"bodyTemperature":37}""");
        _time.Advance(TimeSpan.FromMilliseconds(500));

        var within = StateUpdateValidator.ValidateReported(monitor, _state, Patch("""{"bodyTemperature":37.05}"""), _time.GetUtcNow());
        var tooFast = StateUpdateValidator.ValidateReported(monitor, _state, Patch("""{"bodyTemperature":37.1}"""), _time.GetUtcNow());

        Assert.Empty(within);
        Assert.Equal("$.bodyTemperature", Assert.Single(tooFast).Path);
    }

    private void Report(string patch) => _state.Apply(TwinEvents.Reported(++_version, _time.GetUtcNow(), patch));

    private IReadOnlyList<ValidationError> Validate(string patch) =>
        StateUpdateValidator.ValidateReported(Pump, _state, Patch(patch), _time.GetUtcNow());

    private static JsonObject Patch(string json) => JsonNode.Parse(json)!.AsObject();
}
