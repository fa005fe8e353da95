using Mirrorspace.Connectivity.Sftp.Batches;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Connectors;

namespace Mirrorspace.Connectivity.Sftp.Import;

/// <summary>
/// Ingests one parsed file from the line its ledger entry stands at, in windows: the window is
/// committed to the ledger as "in doubt" before its readings go out and closed after they are
/// answered. A run that dies inside a window leaves exactly that window in doubt, and the next run
/// asks the twins' history which of its readings arrived, so every row is ingested exactly once.
/// </summary>
internal sealed class FileImport(
    IConnectorStore ledger,
    ITwinSpaceStore twins,
    IReadingSink sink,
    SftpImportOptions options,
    TimeProvider clock)
{
    public sealed record Counts(long Accepted, long Refused, long AlreadyIngested);

    /// <summary>Runs the file to its end and records it as completed; throws (leaving the ledger resumable) when cancelled or when the twins fail.</summary>
    public async Task<(ImportedFileRecord Entry, Counts Counts)> RunAsync(
        ImportedFileRecord entry, BatchParseResult parsed, RunTally tally, CancellationToken cancellationToken)
    {
        var sources = new ReadingSources(entry.ConnectorId, entry.FileName);
        var ingestor = new EntryIngestor(sink, entry.TenantId, entry.FileName, sources);
        var pending = parsed.Entries.Where(e => e.Line >= entry.NextLine).ToList();
        var doubtThrough = entry.InDoubtThrough;
        var found = doubtThrough > 0 ? await FindInDoubtAsync(entry, pending, sources, cancellationToken).ConfigureAwait(false) : null;
        long accepted = 0, refused = 0, alreadyIngested = 0;
        foreach (var window in pending.Chunk(options.WindowEntries))
        {
            var last = window[^1] is PatchEntry patch ? patch.LastLine : window[^1].Line;
            var reopensDoubt = entry.InDoubtThrough > 0 && window[0].Line <= entry.InDoubtThrough;
            entry = entry with
            {
                NextLine = window[0].Line,
                InDoubtThrough = Math.Max(last, reopensDoubt ? entry.InDoubtThrough : 0),

                // A window that still holds lines of the interrupted one keeps its older start, so the history search still reaches them.
                InDoubtSince = reopensDoubt ? entry.InDoubtSince : clock.GetUtcNow(),
            };
            await ledger.SaveImportedFileAsync(entry, cancellationToken).ConfigureAwait(false);

            var verdicts = await IngestWindowAsync(window, ingestor, entry.FileName, found, doubtThrough, cancellationToken).ConfigureAwait(false);
            foreach (var verdict in verdicts)
            {
                tally.Add(verdict);
                accepted += verdict.Accepted;
                refused += verdict.Refusals.Count;
                alreadyIngested += verdict.AlreadyIngested;
            }

            entry = entry with
            {
                NextLine = last + 1,
                RowsAccepted = entry.RowsAccepted + verdicts.Sum(v => v.Accepted + v.AlreadyIngested),
                RowsRefused = entry.RowsRefused + verdicts.Sum(v => (long)v.Refusals.Count),
            };
        }

        entry = entry with { State = ImportedFileState.Completed, InDoubtThrough = 0, InDoubtSince = null, CompletedAt = clock.GetUtcNow() };
        await ledger.SaveImportedFileAsync(entry, cancellationToken).ConfigureAwait(false);
        return (entry, new Counts(accepted, refused, alreadyIngested));
    }

    private async Task<IReadOnlySet<string>> FindInDoubtAsync(
        ImportedFileRecord entry, List<BatchEntry> pending, ReadingSources sources, CancellationToken cancellationToken)
    {
        var twinIds = pending.OfType<PatchEntry>().Where(e => e.Line <= entry.InDoubtThrough).Select(e => e.TwinId);
        var since = (entry.InDoubtSince ?? entry.StartedAt) - options.InDoubtLookBack;
        return await InDoubtLookup.FindAsync(twins, entry.TenantId, twinIds, since, sources.Prefix, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Each twin's entries go in file order, in batches (<see cref="EntryIngestor.IngestRunAsync"/>)
    /// except those of an interrupted window, which are looked up in <paramref name="found"/> one by
    /// one; different twins go at the same time.
    /// </summary>
    private static async Task<EntryVerdict[]> IngestWindowAsync(
        BatchEntry[] window, EntryIngestor ingestor, string fileName, IReadOnlySet<string>? found, int doubtThrough, CancellationToken cancellationToken)
    {
        var verdicts = new EntryVerdict[window.Length];
        var byTwin = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < window.Length; i++)
        {
            if (window[i] is MalformedEntry malformed)
            {
                verdicts[i] = EntryVerdict.Refused(new RowRefusal(fileName, malformed.Line, malformed.Reason));
            }
            else if (window[i] is PatchEntry patch)
            {
                if (!byTwin.TryGetValue(patch.TwinId, out var indexes))
                {
                    byTwin[patch.TwinId] = indexes = [];
                }

                indexes.Add(i);
            }
        }

        await Task.WhenAll(byTwin.Values.Select(async indexes =>
        {
            var run = new List<int>();
            foreach (var i in indexes)
            {
                var patch = (PatchEntry)window[i];
                if (found is not null && patch.Line <= doubtThrough)
                {
                    await IngestRunAsync(run).ConfigureAwait(false);
                    verdicts[i] = await ingestor.IngestAsync(patch, found, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    run.Add(i);
                }
            }

            await IngestRunAsync(run).ConfigureAwait(false);
        })).ConfigureAwait(false);
        return verdicts;

        async Task IngestRunAsync(List<int> run)
        {
            if (run.Count == 0)
            {
                return;
            }

            var runVerdicts = await ingestor.IngestRunAsync([.. run.Select(i => (PatchEntry)window[i])], cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < run.Count; k++)
            {
                verdicts[run[k]] = runVerdicts[k];
            }

            run.Clear();
        }
    }
}
