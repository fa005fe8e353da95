using System.Text.Json.Nodes;
using Mirrorspace.Domain.Models;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain.Tests.Twins;

public class StateUpdateValidatorReportedTests
{
    private static readonly TwinModel Pump = SampleModels.Load(SampleModels.CentrifugalPump);
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ValidateReported_KnownProperties_AreAccepted()
    {
        var patch = Patch("""{"temperature":40.5,"vibration":2.1,"speed":1480,"power":75,"serialNumber":"CP-0042","mode":"auto"}""");

        var errors = StateUpdateValidator.ValidateReported(Pump, new TwinState(), patch, Now);

        Assert.Empty(errors);
    }

    [Fact]
    public void ValidateReported_UnknownProperty_IsRefused()
    {
        var errors = StateUpdateValidator.ValidateReported(Pump, new TwinState(), Patch("""{"pressure":3}"""), Now);

        var error = Assert.Single(errors);
        Assert.Equal("$.pressure", error.Path);
        Assert.Equal("'pressure' is not a property or telemetry of model centrifugal-pump v1.", error.Message);
    }

    [Fact]
    public void ValidateReported_PropertyNameInAnotherCase_IsUnknown()
    {
        var errors = StateUpdateValidator.ValidateReported(Pump, new TwinState(), Patch("""{"Temperature":40}"""), Now);

        Assert.Equal("$.Temperature", Assert.Single(errors).Path);
    }

    [Fact]
    public void ValidateReported_NullForKnownProperty_IsAcceptedAsRemoval()
    {
        var errors = StateUpdateValidator.ValidateReported(Pump, new TwinState(), Patch("""{"temperature":null,"mode":null}"""), Now);

        Assert.Empty(errors);
    }

    [Fact]
    public void ValidateReported_NullForUnknownProperty_IsRefused()
    {
        var errors = StateUpdateValidator.ValidateReported(Pump, new TwinState(), Patch("""{"pressure":null}"""), Now);

        Assert.Equal("$.pressure", Assert.Single(errors).Path);
    }

    [Fact]
    public void ValidateReported_NonWritableProperty_IsAccepted()
    {
        Assert.False(Pump.Properties["temperature"].Writable);

        var errors = StateUpdateValidator.ValidateReported(Pump, new TwinState(), Patch("""{"temperature":40}"""), Now);

        Assert.Empty(errors);
    }

    [Fact]
    public void ValidateReported_EmptyPatch_IsAccepted()
    {
        Assert.Empty(StateUpdateValidator.ValidateReported(Pump, new TwinState(), [], Now));
    }

    [Fact]
    public void ValidateReported_SeveralMistakes_ReportsAllOfThemWithPaths()
    {
        var patch = Patch("""{"temperature":"hot","vibration":-1,"speed":1200,"colour":"red","mode":"turbo","serialNumber":42}""");

        var errors = StateUpdateValidator.ValidateReported(Pump, new TwinState(), patch, Now);

        Assert.Equal(["$.colour", "$.mode", "$.serialNumber", "$.temperature", "$.vibration"], ModelDocuments.SortedPaths(errors));
    }

    [Fact]
    public void ValidateReported_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => StateUpdateValidator.ValidateReported(null!, new TwinState(), [], Now));
        Assert.Throws<ArgumentNullException>(() => StateUpdateValidator.ValidateReported(Pump, null!, [], Now));
        Assert.Throws<ArgumentNullException>(() => StateUpdateValidator.ValidateReported(Pump, new TwinState(), null!, Now));
    }

    [Fact]
    public void ValidateReported_TelemetryItem_IsValidatedLikeAProperty()
    {
        var model = ModelDocuments.ParseValidJson("""
            { "id": "meter", "version": 1, "telemetry": [ { "name": "flow", "type": "number", "minimum": 0 } ] }
            """);

        var accepted = StateUpdateValidator.ValidateReported(model, new TwinState(), Patch("""{"flow":3}"""), Now);
        var refused = StateUpdateValidator.ValidateReported(model, new TwinState(), Patch("""{"flow":-3}"""), Now);

        Assert.Empty(accepted);
        Assert.Equal("$.flow", Assert.Single(refused).Path);
    }

    private static JsonObject Patch(string json) => JsonNode.Parse(json)!.AsObject();
}
