namespace Mirrorspace.Security.Audit;

/// <summary>
/// Names what happened at the first entry that does not link to the chain, from that entry and
/// the ones after it. Every logged entry still carries the hash it was logged with, so an entry
/// can be recognised wherever it now sits by relinking it under its original sequence number.
/// </summary>
internal static class AuditTamperClassifier
{
    /// <param name="expected">The sequence number the first suspect should have.</param>
    /// <param name="previous">The last chain hash that verified.</param>
    /// <param name="suspects">The first entry that failed and the ones read after it, in stored order.</param>
    public static (AuditProblem Problem, string Detail) Classify(long expected, byte[] previous, IReadOnlyList<ChainedAuditEntry> suspects)
    {
        var first = suspects[0];
        if (first.Sequence > expected)
        {
            var last = first.Sequence - 1;
            return (AuditProblem.Deleted, last == expected ? $"Entry {expected} is missing." : $"Entries {expected} to {last} are missing.");
        }

        if (first.Sequence < expected)
        {
            return (AuditProblem.Inserted, $"A second entry numbered {first.Sequence} follows entry {expected - 1}.");
        }

        // Where did the entry logged at 'expected' go?
        for (var i = 1; i < suspects.Count; i++)
        {
            if (!Links(suspects[i], previous, expected))
            {
                continue;
            }

            var foundAt = suspects[i].Sequence;
            var isDisplacedOriginal = Links(first, suspects[i].Hash, expected + 1)
                || (i >= 2 && Links(first, suspects[i - 1].Hash, foundAt));
            return isDisplacedOriginal
                ? (AuditProblem.Reordered, $"Entry {expected} was moved: the entry logged as {expected} now sits at {foundAt}.")
                : (AuditProblem.Inserted, $"{Plural(foundAt - expected)} that were never logged sit before the entry logged as {expected}, which is now numbered {foundAt}.");
        }

        if (suspects.Count > 1 && Links(suspects[1], first.Hash, expected + 1))
        {
            return (AuditProblem.Changed, $"Entry {expected} was changed: its content no longer matches its hash.");
        }

        if (suspects.Count > 1 && Links(suspects[1], first.Hash, expected + 2))
        {
            return (AuditProblem.Deleted, $"Entry {expected} was deleted and the entries after it renumbered.");
        }

        return suspects.Count == 1
            ? (AuditProblem.Changed, $"The last entry, {expected}, does not link to the chain: it was changed, or appended by someone else.")
            : (AuditProblem.Changed, $"Entry {expected} was changed: it no longer links to the entry before it.");
    }

    /// <summary>True when <paramref name="row"/> is the entry logged at <paramref name="sequence"/> after <paramref name="previous"/>.</summary>
    public static bool Links(ChainedAuditEntry row, ReadOnlySpan<byte> previous, long sequence)
    {
        var entry = row.Entry.Sequence == sequence ? row.Entry : row.Entry with { Sequence = sequence };
        byte[] canonical;
        try
        {
            canonical = entry.ToCanonicalBytes();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return false;
        }

        return AuditChain.Next(previous, canonical).AsSpan().SequenceEqual(row.Hash);
    }

    private static string Plural(long count) => count == 1 ? "1 entry" : $"{count} entries";
}
