using Mirrorspace.Domain.Common;

namespace Mirrorspace.Domain.Tests.Common;

public class IdentifiersTests
{
    [Theory]
    [InlineData("centrifugal-pump", true)]
    [InlineData("acme.pump_v2", true)]
    [InlineData("7", true)]
    [InlineData("Pump", false)]
    [InlineData("-pump", false)]
    [InlineData("pump/1", false)]
    [InlineData("pump 1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidModelId_Value_MatchesTheSyntax(string? value, bool expected)
    {
        Assert.Equal(expected, Identifiers.IsValidModelId(value));
    }

    [Fact]
    public void IsValidModelId_LengthLimit_Is128()
    {
        Assert.True(Identifiers.IsValidModelId(new string('a', Identifiers.MaxLength)));
        Assert.False(Identifiers.IsValidModelId(new string('a', Identifiers.MaxLength + 1)));
    }

    [Theory]
    [InlineData("temperature", true)]
    [InlineData("bearing_wear2", true)]
    [InlineData("spo2", true)]
    [InlineData("2fast", false)]
    [InlineData("_private", false)]
    [InlineData("bearing-wear", false)]
    [InlineData("bearing.wear", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidName_Value_MatchesTheSyntax(string? value, bool expected)
    {
        Assert.Equal(expected, Identifiers.IsValidName(value));
    }

    [Theory]
    [InlineData("pump-1", true)]
    [InlineData("Site:North.Pump_1", true)]
    [InlineData("pump/1", false)]
    [InlineData("pump 1", false)]
    [InlineData(":pump", false)]
    public void IsValidTwinId_Value_MatchesTheSyntax(string value, bool expected)
    {
        Assert.Equal(expected, Identifiers.IsValidTwinId(value));
    }

    [Theory]
    [InlineData("acme", true)]
    [InlineData("a1", true)]
    [InlineData("a", false)]
    [InlineData("Acme", false)]
    [InlineData("acme_corp", false)]
    public void IsValidTenantId_Value_MatchesTheSyntax(string value, bool expected)
    {
        Assert.Equal(expected, Identifiers.IsValidTenantId(value));
    }
}
