using System.Text.Json.Nodes;
using Mirrorspace.Connectivity.Sftp.Batches;
using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Runtime.Twins;

namespace Mirrorspace.Connectivity.Sftp.Import;

/// <summary>
/// Hands patches to their twin and turns the twin's answers into a verdict per row. A group of CSV
/// rows that the twin refuses is retried row by row, so a bad row refuses itself only; a twin that
/// refuses changes nothing, so a bad row never touches what is stored.
/// </summary>
internal sealed class EntryIngestor(IReadingSink sink, string tenantId, string fileName, ReadingSources sources)
{
    /// <param name="found">Sources the twins' history already holds (a run interrupted inside this entry's window), or null.</param>
    public async Task<EntryVerdict> IngestAsync(PatchEntry entry, IReadOnlySet<string>? found, CancellationToken cancellationToken)
    {
        if (found is not null)
        {
            if (found.Contains(sources.For(entry.LineLabel)))
            {
                return new EntryVerdict(0, entry.RowCount, []);
            }

            if (entry.Parts.Count > 1 && entry.Parts.Any(p => found.Contains(sources.For(p.Line))))
            {
                // The earlier run had split this group already: finish it row by row.
                return await IngestRowsAsync(entry, found, cancellationToken).ConfigureAwait(false);
            }
        }

        var response = await SendAsync(entry.TwinId, entry.Patch, sources.For(entry.LineLabel), cancellationToken).ConfigureAwait(false);
        return await VerdictAsync(entry, response, found, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One twin's entries in file order, none of them in doubt, in batches (one call and one commit
    /// for many rows): an entry the twin refuses ends its batch and gets its verdict as a single entry
    /// would, and the entries after it go in the next batch, so each is checked against the same
    /// state as if the rows came one by one.
    /// </summary>
    public async Task<EntryVerdict[]> IngestRunAsync(IReadOnlyList<PatchEntry> entries, CancellationToken cancellationToken)
    {
        var verdicts = new EntryVerdict[entries.Count];
        var next = 0;
        while (next < entries.Count)
        {
            // As for single readings: checked before a batch goes out, never while it is out.
            cancellationToken.ThrowIfCancellationRequested();
            var batch = entries.Skip(next).Take(ITwinGrain.MaxReadingsPerBatch).ToList();
            var results = await sink.IngestBatchAsync([.. batch.Select(e => Reading(e.TwinId, e.Patch, sources.For(e.LineLabel)))]).ConfigureAwait(false);
            if (results.Count == 0)
            {
                throw new InvalidOperationException($"The twin answered none of {batch.Count} readings.");
            }

            for (var i = 0; i < results.Count; i++)
            {
                verdicts[next + i] = await VerdictAsync(batch[i], results[i], found: null, cancellationToken).ConfigureAwait(false);
            }

            next += results.Count;
        }

        return verdicts;
    }

    private async Task<EntryVerdict> VerdictAsync(PatchEntry entry, ReadingResult response, IReadOnlySet<string>? found, CancellationToken cancellationToken)
    {
        if (response.Outcome is TwinOutcome.Ok)
        {
            return new EntryVerdict(entry.RowCount, 0, []);
        }

        return response.Outcome is TwinOutcome.Invalid && entry.Parts.Count > 1
            ? await IngestRowsAsync(entry, found, cancellationToken).ConfigureAwait(false)
            : EntryVerdict.Refused(new RowRefusal(fileName, entry.Line, Reason(entry.TwinId, response)));
    }

    private async Task<EntryVerdict> IngestRowsAsync(PatchEntry entry, IReadOnlySet<string>? found, CancellationToken cancellationToken)
    {
        long accepted = 0, alreadyIngested = 0;
        var refusals = new List<RowRefusal>();
        foreach (var part in entry.Parts)
        {
            var source = sources.For(part.Line);
            if (found?.Contains(source) == true)
            {
                alreadyIngested++;
                continue;
            }

            var patch = new JsonObject { [part.Property] = part.Value?.DeepClone() };
            var response = await SendAsync(entry.TwinId, patch, source, cancellationToken).ConfigureAwait(false);
            if (response.Outcome is TwinOutcome.Ok)
            {
                accepted++;
            }
            else
            {
                refusals.Add(new RowRefusal(fileName, part.Line, Reason(entry.TwinId, response)));
            }
        }

        return new EntryVerdict(accepted, alreadyIngested, refusals);
    }

    private Task<ReadingResult> SendAsync(string twinId, JsonObject patch, string source, CancellationToken cancellationToken)
    {
        // Checked before each reading, never during one: a reading handed over is answered, so the ledger can tell what happened.
        cancellationToken.ThrowIfCancellationRequested();
        return sink.IngestAsync(Reading(twinId, patch, source));
    }

    private Reading Reading(string twinId, JsonObject patch, string source) => new(tenantId, twinId, patch.ToJsonString(), source, ReadingChannel.Sftp);

    private static string Reason(string twinId, ReadingResult response) => response.Outcome switch
    {
        TwinOutcome.NotFound => $"twin '{twinId}' does not exist",
        TwinOutcome.Invalid when response.Errors.Count > 0 => string.Join("; ", response.Errors.Select(e => $"{e.Path}: {e.Message}")),
        _ => response.Detail ?? $"the twin answered {response.Outcome}",
    };
}
