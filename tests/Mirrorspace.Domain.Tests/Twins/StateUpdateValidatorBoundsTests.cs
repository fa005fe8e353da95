using System.Text.Json.Nodes;
using Mirrorspace.Domain.Models;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain.Tests.Twins;

public class StateUpdateValidatorBoundsTests
{
    private static readonly TwinModel Pump = SampleModels.Load(SampleModels.CentrifugalPump);
    private static readonly TwinModel Monitor = SampleModels.Load(SampleModels.PatientMonitor);
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("temperature", "-20")]
    [InlineData("temperature", "120")]
    [InlineData("temperature", "120.0")]
    [InlineData("temperature", "35.5")]
    [InlineData("vibration", "0")]
    [InlineData("vibration", "50")]
    [InlineData("speed", "3600")]
    [InlineData("power", "0")]
    [InlineData("bearingWear", "100")]
    public void ValidateReported_ValueWithinBoundsOrOnTheEdge_IsAccepted(string property, string value)
    {
        var errors = StateUpdateValidator.ValidateReported(Pump, new TwinState(), Patch(property, value), Now);

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("temperature", "-20.001", "-20.001 is below the minimum -20 °C.")]
    [InlineData("temperature", "120.5", "120.5 is above the maximum 120 °C.")]
    [InlineData("vibration", "-0.1", "-0.1 is below the minimum 0 mm/s.")]
    [InlineData("speed", "3601", "3601 is above the maximum 3600 rpm.")]
    [InlineData("bearingWear", "100.01", "100.01 is above the maximum 100 %.")]
    public void ValidateReported_ValueOutsideBounds_IsRefusedWithTheBoundAndUnit(string property, string value, string message)
    {
        var errors = StateUpdateValidator.ValidateReported(Pump, new TwinState(), Patch(property, value), Now);

        var error = Assert.Single(errors);
        Assert.Equal($"$.{property}", error.Path);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("20", true)]
    [InlineData("250", true)]
    [InlineData("19", false)]
    [InlineData("251", false)]
    [InlineData("72.5", false)]
    public void ValidateReported_IntegerBounds_AreInclusive(string value, bool accepted)
    {
        var errors = StateUpdateValidator.ValidateReported(Monitor, new TwinState(), Patch("heartRate", value), Now);

        Assert.Equal(accepted, errors.Count == 0);
    }

    [Fact]
    public void ValidateDesired_WritableValueOutsideBounds_IsRefused()
    {
        var errors = StateUpdateValidator.ValidateDesired(Pump, Patch("speed", "-1"));

        var error = Assert.Single(errors);
        Assert.Equal("$.speed", error.Path);
        Assert.Equal("-1 is below the minimum 0 rpm.", error.Message);
    }

    [Fact]
    public void ValidateReported_PropertyWithoutBounds_AcceptsAnyNumber()
    {
        var model = ModelDocuments.ParseValidJson(ModelDocuments.WithProperties("""[{ "name": "offset", "type": "number" }]"""));

        var errors = StateUpdateValidator.ValidateReported(model, new TwinState(), Patch("offset", "-1e300"), Now);

        Assert.Empty(errors);
    }

    private static JsonObject Patch(string property, string value) => JsonNode.Parse($$"""{"{{property}}":{{value}}}""")!.AsObject();
}
