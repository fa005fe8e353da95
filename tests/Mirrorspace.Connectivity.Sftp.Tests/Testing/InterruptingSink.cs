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
}
