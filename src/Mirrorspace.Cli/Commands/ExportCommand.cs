using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mirrorspace.Domain;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Cli.Commands;

/// <summary>
/// <c>mirrorspace export</c>: a tenant's twins and their full history, or only those of one data
/// subject, decrypted, as JSON lines on standard output (one object per twin and per event).
/// Values of erased subjects are exported as erased, never as errors.
/// </summary>
internal static class ExportCommand
{
    private const int PageSize = 500;

    public static Command Create()
    {
        var data = CommonOptions.Data(required: true);
        var tenant = new Option<string>("--tenant") { Description = "The tenant to export.", Required = true };
        var subject = new Option<string?>("--subject") { Description = "Only the twins of this data subject (a data subject's access request)." };
        var command = new Command("export", "Export twins and their history as JSON lines (the node must be stopped).") { data, tenant, subject };
        command.SetAction((result, ct) => RunAsync(result.GetValue(data)!, result.GetValue(tenant)!, result.GetValue(subject), ct));
        return command;
    }

    private static async Task<int> RunAsync(string dataDirectory, string tenantId, string? subject, CancellationToken cancellationToken)
    {
        var (offline, exitCode) = await OfflineTwinSpace.OpenAsync(dataDirectory, cancellationToken);
        if (offline is null)
        {
            return exitCode;
        }

        await using (offline)
        {
            var store = offline.Space.Store;
            if (await store.GetTenantAsync(tenantId, cancellationToken) is null)
            {
                return ConsoleOutput.Error(ExitCodes.InvalidInput, $"Tenant '{tenantId}' does not exist.");
            }

            string? after = null;
            do
            {
                var page = await store.ListTwinsAsync(tenantId, new PageRequest(PageSize, after), cancellationToken);
                foreach (var twin in page.Items)
                {
                    await ExportTwinAsync(store, twin, subject, cancellationToken);
                }

                after = page.NextAfter;
            }
            while (after is not null);
        }

        return ExitCodes.Success;
    }

    private static async Task ExportTwinAsync(ITwinSpaceStore store, TwinRecord twin, string? subject, CancellationToken cancellationToken)
    {
        // The twin's current state is the fold of its events; folding here also works for twins whose snapshot was erased.
        var state = new TwinState();
        var events = new List<JsonObject>();
        await foreach (var change in store.ReadEventsAsync(twin.TenantId, twin.TwinId, EventRange.All, cancellationToken))
        {
            state.Apply(change);
            events.Add(new JsonObject
            {
                ["type"] = "event",
                ["twin"] = twin.TwinId,
                ["version"] = change.Version,
                ["timestamp"] = change.Timestamp,
                ["kind"] = change.Kind.ToString(),
                ["source"] = change.Source,
                ["erased"] = change.Erased,
                ["payload"] = change.Erased ? null : JsonNode.Parse(change.Payload),
            });
        }

        if (subject is not null && state.Subject != subject)
        {
            return;
        }

        var snapshot = JsonSerializer.SerializeToNode(state.ToSnapshot(), DomainJsonContext.Default.TwinSnapshotDocument)!.AsObject();
        snapshot["type"] = "twin";
        snapshot["twin"] = twin.TwinId;
        Console.Out.WriteLine(snapshot.ToJsonString());
        foreach (var line in events)
        {
            Console.Out.WriteLine(line.ToJsonString());
        }
    }
}
