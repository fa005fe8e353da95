using Mirrorspace.Connectivity.Sftp.Import;
using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Runtime.Twins;

namespace Mirrorspace.Connectivity.Sftp.Tests.Testing;

/// <summary>Passes readings to the real ingestion and cancels the run once a given number has been answered, as a crash between two readings would stop it.</summary>
internal sealed class InterruptingSink(ReadingIngestion inner, int after, CancellationTokenSource run) : IReadingSink
{
    private int _answered;

    public async Task<ReadingResult> IngestAsync(Reading reading)
    {
        var response = await inner.IngestAsync(reading);
        if (Interlocked.Increment(ref _answered) == after)
        {
            await run.CancelAsync();
        }

        return response;
    }

    /// <summary>Hands on the readings up to the interruption and stops there, as if the run had sent them in two batches and died between.</summary>
    public async Task<IReadOnlyList<ReadingResult>> IngestBatchAsync(IReadOnlyList<Reading> readings)
    {
        var left = after - Volatile.Read(ref _answered);
        var results = await inner.IngestBatchAsync(left > 0 && left < readings.Count ? [.. readings.Take(left)] : readings);
        var answered = Interlocked.Add(ref _answered, results.Count);
        if (answered >= after && answered - results.Count < after)
        {
            await run.CancelAsync();
        }

        return results;
    }
}
