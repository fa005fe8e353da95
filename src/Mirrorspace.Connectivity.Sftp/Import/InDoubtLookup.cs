using Mirrorspace.Storage;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Connectivity.Sftp.Import;

/// <summary>
/// Finds which readings of an interrupted window the twins already hold: the sources with this
/// file's prefix among each twin's events since the window opened. Only the window's twins and only
/// events from that time on are read, so resuming costs a little history, not a scan.
/// </summary>
internal static class InDoubtLookup
{
    public static async Task<IReadOnlySet<string>> FindAsync(
        ITwinSpaceStore store,
        string tenantId,
        IEnumerable<string> twinIds,
        DateTimeOffset since,
        string sourcePrefix,
        CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var range = new EventRange { From = since };
        foreach (var twinId in twinIds.Distinct(StringComparer.Ordinal))
        {
            await foreach (var change in store.ReadEventsAsync(tenantId, twinId, range, cancellationToken).ConfigureAwait(false))
            {
                if (change.Source.StartsWith(sourcePrefix, StringComparison.Ordinal))
                {
                    found.Add(change.Source);
                }
            }
        }

        return found;
    }
}
