using System.Text.Json.Nodes;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain.Tests.Twins;

/// <summary>Structural equality for twin state, whose JSON trees and dictionaries compare by reference.</summary>
public static class TwinStateAssert
{
    public static void Equal(TwinState expected, TwinState actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Equal(expected.ToSnapshot(), actual);
    }

    public static void Equal(TwinSnapshotDocument expected, TwinState actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        Equal(expected, actual.ToSnapshot());
    }

    public static void Equal(TwinSnapshotDocument expected, TwinSnapshotDocument actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(expected.Exists, actual.Exists);
        Assert.Equal(expected.ModelId, actual.ModelId);
        Assert.Equal(expected.ModelVersion, actual.ModelVersion);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.CreatedAt.Offset, actual.CreatedAt.Offset);
        Assert.True(JsonNode.DeepEquals(expected.Reported, actual.Reported), $"Reported: expected {expected.Reported.ToJsonString()} but was {actual.Reported.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(expected.Desired, actual.Desired), $"Desired: expected {expected.Desired.ToJsonString()} but was {actual.Desired.ToJsonString()}");
        Assert.Equal(expected.ReportedMetadata, actual.ReportedMetadata);
        Assert.Equal(expected.DesiredMetadata, actual.DesiredMetadata);
    }
}
