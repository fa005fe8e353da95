using System.Text.Json.Nodes;

namespace Mirrorspace.Domain.Models;

internal static class SyncContractReader
{
    /// <summary>Reads an optional <c>sync</c> member; missing fields inherit from <paramref name="inherited"/>.</summary>
    public static SyncContract Read(DocumentReader reader, JsonObject owner, string ownerPath, SyncContract inherited)
    {
        var sync = reader.Object(owner, ownerPath, "sync");
        if (sync is null)
        {
            return inherited;
        }

        var path = $"{ownerPath}.sync";
        reader.RejectUnknownMembers(sync, path, "expectedInterval", "staleAfter", "maxMessagesPerSecond");
        var expected = reader.Duration(sync, path, "expectedInterval") ?? inherited.ExpectedInterval;
        var staleAfter = reader.Duration(sync, path, "staleAfter") ?? inherited.StaleAfter;
        var maxRate = reader.Number(sync, path, "maxMessagesPerSecond");
        if (maxRate is <= 0 or > 10_000)
        {
            reader.Error($"{path}.maxMessagesPerSecond", "Must be greater than 0 and at most 10000.");
        }

        if (staleAfter < expected)
        {
            reader.Error($"{path}.staleAfter", "Must not be shorter than expectedInterval.");
        }

        return new SyncContract
        {
            ExpectedInterval = expected,
            StaleAfter = staleAfter,
            MaxMessagesPerSecond = maxRate ?? inherited.MaxMessagesPerSecond,
        };
    }
}
