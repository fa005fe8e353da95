using System.Text.Json.Nodes;
using Mirrorspace.Domain.Models;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain.Tests.Twins;

public class StateUpdateValidatorDesiredTests
{
    private static readonly TwinModel Pump = SampleModels.Load(SampleModels.CentrifugalPump);

    [Fact]
    public void ValidateDesired_WritableProperties_AreAccepted()
    {
        var errors = StateUpdateValidator.ValidateDesired(Pump, Patch("""{"speed":1500,"mode":"manual"}"""));

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("temperature", "40")]
    [InlineData("serialNumber", "\"CP-1\"")]
    [InlineData("bearingWear", "10")]
    public void ValidateDesired_NonWritableProperty_IsRefused(string property, string value)
    {
        var errors = StateUpdateValidator.ValidateDesired(Pump, Patch($$"""{"{{property}}":{{value}}}"""));

        var error = Assert.Single(errors);
        Assert.Equal($"$.{property}", error.Path);
        Assert.Equal($"'{property}' is not writable; only the device reports it.", error.Message);
    }

    [Fact]
    public void ValidateDesired_UnknownProperty_IsRefused()
    {
        var errors = StateUpdateValidator.ValidateDesired(Pump, Patch("""{"pressure":3}"""));

        var error = Assert.Single(errors);
        Assert.Equal("$.pressure", error.Path);
        Assert.Equal("'pressure' is not a property of model centrifugal-pump v1.", error.Message);
    }

    [Fact]
    public void ValidateDesired_NullForWritableProperty_IsAcceptedAsRemoval()
    {
        var errors = StateUpdateValidator.ValidateDesired(Pump, Patch("""{"speed":null}"""));

        Assert.Empty(errors);
    }

    [Fact]
    public void ValidateDesired_NullForNonWritableProperty_IsRefused()
    {
        var errors = StateUpdateValidator.ValidateDesired(Pump, Patch("""{"temperature":null}"""));

        Assert.Equal("$.temperature", Assert.Single(errors).Path);
    }

    [Fact]
    public void ValidateDesired_InvalidValueForWritableProperty_IsRefused()
    {
        var errors = StateUpdateValidator.ValidateDesired(Pump, Patch("""{"mode":"turbo"}"""));

        var error = Assert.Single(errors);
        Assert.Equal("$.mode", error.Path);
        Assert.Equal("Must be one of: off, manual, auto.", error.Message);
    }

    [Fact]
    public void ValidateDesired_SeveralMistakes_ReportsAllOfThemWithPaths()
    {
        var patch = Patch("""{"temperature":5,"speed":"fast","colour":"red","mode":"auto","power":null}""");

        var errors = StateUpdateValidator.ValidateDesired(Pump, patch);

        Assert.Equal(["$.colour", "$.power", "$.speed", "$.temperature"], ModelDocuments.SortedPaths(errors));
    }

    [Fact]
    public void ValidateDesired_ModelWithoutWritableProperties_RefusesEverything()
    {
        var monitor = SampleModels.Load(SampleModels.PatientMonitor);

        var errors = StateUpdateValidator.ValidateDesired(monitor, Patch("""{"heartRate":60,"ward":"B2"}"""));

        Assert.Equal(["$.heartRate", "$.ward"], ModelDocuments.SortedPaths(errors));
    }

    [Fact]
    public void ValidateDesired_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => StateUpdateValidator.ValidateDesired(null!, []));
        Assert.Throws<ArgumentNullException>(() => StateUpdateValidator.ValidateDesired(Pump, null!));
    }

    private static JsonObject Patch(string json) => JsonNode.Parse(json)!.AsObject();
}
