using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests.Models;

public class ModelDocumentParserDefaultsTests
{
    [Fact]
    public void ParseJson_MinimalDocument_HasDefaultSyncAndNoMembers()
    {
        var result = ModelDocumentParser.ParseJson("""{ "id": "pump", "version": 1 }""");

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal(SyncContract.Default, result.Model.Sync);
        Assert.Null(result.Model.DisplayName);
        Assert.Null(result.Model.Description);
        Assert.Empty(result.Model.Properties);
        Assert.Empty(result.Model.Commands);
        Assert.Empty(result.Model.Relationships);
    }

    [Fact]
    public void ParseJson_PropertyWithOnlyNameAndType_GetsDefaults()
    {
        var model = ModelDocuments.ParseValidJson(ModelDocuments.WithProperties("""[{ "name": "speed", "type": "number" }]"""));

        var speed = model.Properties["speed"];
        Assert.Equal(DataClassification.Proprietary, speed.Classification);
        Assert.False(speed.Writable);
        Assert.False(speed.IsTelemetry);
        Assert.Null(speed.Unit);
        Assert.Null(speed.Description);
        Assert.Null(speed.Minimum);
        Assert.Null(speed.Maximum);
        Assert.Null(speed.MaxRateOfChange);
        Assert.Empty(speed.EnumValues);
        Assert.Equal(SyncContract.Default, speed.Sync);
    }

    [Fact]
    public void ParseJson_PropertyWithoutSync_InheritsTheModelSync()
    {
        var model = ModelDocuments.ParseValidJson("""
            {
              "id": "pump", "version": 1,
              "sync": { "expectedInterval": "PT2S", "staleAfter": "PT20S", "maxMessagesPerSecond": 4 },
              "properties": [ { "name": "speed", "type": "number" } ],
              "telemetry": [ { "name": "power", "type": "number" } ]
            }
            """);

        Assert.Equal(model.Sync, model.Properties["speed"].Sync);
        Assert.Equal(model.Sync, model.Properties["power"].Sync);
        Assert.Equal(TimeSpan.FromSeconds(2), model.Sync.ExpectedInterval);
    }

    [Fact]
    public void ParseJson_PropertySyncOverride_ReplacesOnlyTheGivenFields()
    {
        var model = ModelDocuments.ParseValidJson("""
            {
              "id": "pump", "version": 1,
              "sync": { "expectedInterval": "PT2S", "staleAfter": "PT20S", "maxMessagesPerSecond": 4 },
              "properties": [
                { "name": "speed", "type": "number" },
                { "name": "serialNumber", "type": "string", "sync": { "expectedInterval": "PT1H", "staleAfter": "P1D" } }
              ]
            }
            """);

        var sync = model.Properties["serialNumber"].Sync;
        Assert.Equal(TimeSpan.FromHours(1), sync.ExpectedInterval);
        Assert.Equal(TimeSpan.FromDays(1), sync.StaleAfter);
        Assert.Equal(4, sync.MaxMessagesPerSecond);
        Assert.Equal(model.Sync, model.Properties["speed"].Sync);
    }

    [Fact]
    public void ParseJson_TelemetryItem_IsAPropertyMarkedAsTelemetry()
    {
        var model = ModelDocuments.ParseValidJson("""
            { "id": "pump", "version": 1, "telemetry": [ { "name": "power", "type": "number", "unit": "kW", "classification": "consortium" } ] }
            """);

        var power = model.Properties["power"];
        Assert.True(power.IsTelemetry);
        Assert.False(power.Writable);
        Assert.Equal("kW", power.Unit);
        Assert.Equal(DataClassification.Consortium, power.Classification);
    }

    [Fact]
    public void ParseJson_CommandAndRelationshipWithOnlyName_GetDefaults()
    {
        var model = ModelDocuments.ParseValidJson("""
            { "id": "pump", "version": 1, "commands": [ { "name": "restart" } ], "relationships": [ { "name": "feeds" } ] }
            """);

        var restart = model.Commands["restart"];
        Assert.Equal(DataClassification.Proprietary, restart.Classification);
        Assert.Null(restart.Description);
        var feeds = model.Relationships["feeds"];
        Assert.Null(feeds.TargetModel);
        Assert.Null(feeds.Description);
    }

    [Theory]
    [InlineData("public", DataClassification.Public)]
    [InlineData("community", DataClassification.Community)]
    [InlineData("consortium", DataClassification.Consortium)]
    [InlineData("proprietary", DataClassification.Proprietary)]
    [InlineData("personal", DataClassification.Personal)]
    [InlineData("health", DataClassification.Health)]
    public void ParseJson_Classification_IsRead(string text, DataClassification expected)
    {
        var model = ModelDocuments.ParseValidJson($$"""
            { "id": "pump", "version": 1, "properties": [ { "name": "speed", "type": "number", "classification": "{{text}}" } ],
              "commands": [ { "name": "stop", "classification": "{{text}}" } ] }
            """);

        Assert.Equal(expected, model.Properties["speed"].Classification);
        Assert.Equal(expected, model.Commands["stop"].Classification);
    }

    [Theory]
    [InlineData("number", PropertyType.Number)]
    [InlineData("integer", PropertyType.Integer)]
    [InlineData("boolean", PropertyType.Boolean)]
    [InlineData("string", PropertyType.String)]
    [InlineData("object", PropertyType.Object)]
    public void ParseJson_PropertyType_IsRead(string text, PropertyType expected)
    {
        var model = ModelDocuments.ParseValidJson(ModelDocuments.WithProperties($$"""[{ "name": "value", "type": "{{text}}" }]"""));

        Assert.Equal(expected, model.Properties["value"].Type);
    }
}
