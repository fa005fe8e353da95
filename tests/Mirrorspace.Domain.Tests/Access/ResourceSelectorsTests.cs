using Mirrorspace.Domain.Access;

namespace Mirrorspace.Domain.Tests.Access;

public sealed class ResourceSelectorsTests
{
    [Theory]
    [InlineData("model:centrifugal-pump")]
    [InlineData("twin:pump-1")]
    [InlineData("twin:site:north.pump-1")]
    public void IsValid_WellFormedSelector_IsTrue(string selector) => Assert.True(ResourceSelectors.IsValid(selector));

    [Theory]
    [InlineData("")]
    [InlineData("pump-1")]
    [InlineData("twin:")]
    [InlineData("model:")]
    [InlineData("model:Pump")]
    [InlineData("twin:pump 1")]
    [InlineData("site:north")]
    [InlineData("TWIN:pump-1")]
    [InlineData("twin:*")]
    public void IsValid_MalformedSelector_IsFalse(string selector) => Assert.False(ResourceSelectors.IsValid(selector));

    [Fact]
    public void Validate_BadAndRepeatedSelectors_NamesEachByIndex()
    {
        var errors = ResourceSelectors.Validate(["twin:a1", "bogus", "twin:a1", "model:m"], "$.scopes");

        Assert.Equal(["$.scopes[1]", "$.scopes[2]"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Validate_TooMany_NamesTheList()
    {
        var selectors = Enumerable.Range(0, ResourceSelectors.MaxCount + 1).Select(i => $"twin:t{i}").ToList();

        Assert.Equal(["$.scopes"], ResourceSelectors.Validate(selectors, "$.scopes").Select(e => e.Path));
    }
}
