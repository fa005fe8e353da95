using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests.Models;

public class ModelDocumentParserSyncTests
{
    [Theory]
    [InlineData("""{ "expectedInterval": "PT-1S" }""", "$.sync.expectedInterval", "is not an ISO 8601 duration")]
    [InlineData("""{ "expectedInterval": "1 second" }""", "$.sync.expectedInterval", "is not an ISO 8601 duration")]
    [InlineData("""{ "expectedInterval": "1s" }""", "$.sync.expectedInterval", "is not an ISO 8601 duration")]
    [InlineData("""{ "expectedInterval": "00:00:01" }""", "$.sync.expectedInterval", "is not an ISO 8601 duration")]
    [InlineData("""{ "expectedInterval": "P" }""", "$.sync.expectedInterval", "is not an ISO 8601 duration")]
    [InlineData("""{ "expectedInterval": "-PT1S" }""", "$.sync.expectedInterval", "positive")]
    [InlineData("""{ "expectedInterval": "PT0S" }""", "$.sync.expectedInterval", "positive")]
    [InlineData("""{ "expectedInterval": 1 }""", "$.sync.expectedInterval", "Must be a string")]
    [InlineData("""{ "staleAfter": "P10675199DT3H" }""", "$.sync.staleAfter", "is not an ISO 8601 duration")]
    [InlineData("""{ "expectedInterval": "PT10S", "staleAfter": "PT5S" }""", "$.sync.staleAfter", "shorter than expectedInterval")]
    [InlineData("""{ "staleAfter": "PT30S" }""", "$.sync.staleAfter", "shorter than expectedInterval")]
    [InlineData("""{ "maxMessagesPerSecond": 0 }""", "$.sync.maxMessagesPerSecond", "greater than 0")]
    [InlineData("""{ "maxMessagesPerSecond": -1 }""", "$.sync.maxMessagesPerSecond", "greater than 0")]
    [InlineData("""{ "maxMessagesPerSecond": 10001 }""", "$.sync.maxMessagesPerSecond", "at most 10000")]
    [InlineData("""{ "maxMessagesPerSecond": "5" }""", "$.sync.maxMessagesPerSecond", "Must be a number")]
    [InlineData("""{ "interval": "PT1S" }""", "$.sync.interval", "Unknown member")]
    [InlineData("\"PT1S\"", "$.sync", "Must be an object")]
    public void ParseJson_BadModelSync_ReportsItAtItsPath(string sync, string path, string fragment)
    {
        var result = ModelDocumentParser.ParseJson($$"""{ "id": "pump", "version": 1, "sync": {{sync}} }""");

        ModelDocuments.AssertSingleError(result, path, fragment);
    }

    [Fact]
    public void ParseJson_PropertySyncStaleBeforeInheritedInterval_ReportsThePropertyPath()
    {
        var json = """
            {
              "id": "pump", "version": 1,
              "sync": { "expectedInterval": "PT1S", "staleAfter": "PT10S" },
              "properties": [
                { "name": "speed", "type": "number" },
                { "name": "power", "type": "number", "sync": { "staleAfter": "PT0.5S" } }
              ]
            }
            """;

        var result = ModelDocumentParser.ParseJson(json);

        ModelDocuments.AssertSingleError(result, "$.properties[1].sync.staleAfter", "shorter than expectedInterval");
    }

    [Fact]
    public void ParseJson_EqualIntervalAndStaleAfter_IsAccepted()
    {
        var model = ModelDocuments.ParseValidJson("""
            { "id": "pump", "version": 1, "sync": { "expectedInterval": "PT5S", "staleAfter": "PT5S", "maxMessagesPerSecond": 10000 } }
            """);

        Assert.Equal(TimeSpan.FromSeconds(5), model.Sync.ExpectedInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), model.Sync.StaleAfter);
        Assert.Equal(10000, model.Sync.MaxMessagesPerSecond);
    }

    [Theory]
    [InlineData("PT1S", 1)]
    [InlineData("PT0.25S", 0.25)]
    [InlineData("PT5M", 300)]
    [InlineData("PT1H", 3600)]
    [InlineData("P1D", 86400)]
    [InlineData("PT1M30S", 90)]
    public void ParseJson_IsoDuration_IsRead(string duration, double seconds)
    {
        var model = ModelDocuments.ParseValidJson($$"""
            { "id": "pump", "version": 1, "sync": { "expectedInterval": "{{duration}}", "staleAfter": "P2D" } }
            """);

        Assert.Equal(TimeSpan.FromSeconds(seconds), model.Sync.ExpectedInterval);
    }

    [Fact]
    public void ParseJson_PartialModelSync_InheritsTheRestFromDefault()
    {
        var model = ModelDocuments.ParseValidJson("""{ "id": "pump", "version": 1, "sync": { "maxMessagesPerSecond": 2.5 } }""");

        Assert.Equal(SyncContract.Default.ExpectedInterval, model.Sync.ExpectedInterval);
        Assert.Equal(SyncContract.Default.StaleAfter, model.Sync.StaleAfter);
        Assert.Equal(2.5, model.Sync.MaxMessagesPerSecond);
    }
}
