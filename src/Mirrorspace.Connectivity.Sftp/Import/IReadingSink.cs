using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Runtime.Twins;

namespace Mirrorspace.Connectivity.Sftp.Import;

/// <summary>Where batch readings go: <see cref="ReadingIngestion"/>, the path live data takes. An interface so tests can interrupt a run between two readings.</summary>
internal interface IReadingSink
{
    Task<ReadingResult> IngestAsync(Reading reading);

    /// <summary>One twin's readings in order (<see cref="ReadingIngestion.IngestBatchAsync"/>): a result per reading taken, ending at the first that is not <c>Ok</c>, or earlier when the sink stopped.</summary>
    Task<IReadOnlyList<ReadingResult>> IngestBatchAsync(IReadOnlyList<Reading> readings);
}
