using System.Text.Json.Nodes;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>Reads a tenant's audit log through the API (GET /api/v1/audit, admin only).</summary>
public static class AuditTrail
{
    /// <summary>Every entry of the admin key's tenant, oldest first, following the pages.</summary>
    public static async Task<IReadOnlyList<JsonObject>> EntriesAsync(this HttpClient admin)
    {
        var entries = new List<JsonObject>();
        string? from = null;
        do
        {
            var page = await admin.GetJsonAsync($"/api/v1/audit?limit=1000{(from is null ? string.Empty : $"&from={from}")}");
            entries.AddRange(page["items"]!.AsArray().Select(e => e!.AsObject()));
            from = page["next"]?.GetValue<string>();
        }
        while (from is not null);

        return entries;
    }

    /// <summary>The tenant's entries of one action by one principal.</summary>
    public static async Task<IReadOnlyList<JsonObject>> EntriesAsync(this HttpClient admin, string action, string principal) =>
        [.. (await admin.EntriesAsync()).Where(e => e["action"]?.GetValue<string>() == action && e["principal"]?.GetValue<string>() == principal)];

    /// <summary>Asserts that exactly one refusal of this action by this principal was recorded, and returns it.</summary>
    public static async Task<JsonObject> SingleRefusalAsync(this HttpClient admin, string action, string principal)
    {
        var entries = await admin.EntriesAsync(action, principal);
        Assert.True(entries.Count == 1, $"Expected one '{action}' entry by {principal}, found {entries.Count}.");
        var entry = entries[0];
        Assert.Equal("denied", entry["outcome"]?.GetValue<string>());
        return entry;
    }
}
