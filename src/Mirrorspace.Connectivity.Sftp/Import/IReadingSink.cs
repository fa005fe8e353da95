using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Runtime.Twins;

namespace Mirrorspace.Connectivity.Sftp.Import;

/// <summary>Where batch readings go: <see cref="ReadingIngestion"/>, the path live data takes. An interface so tests can interrupt a run between two readings.</summary>
internal interface IReadingSink
{
    Task<ReadingResult> IngestAsync(Reading reading);
}
