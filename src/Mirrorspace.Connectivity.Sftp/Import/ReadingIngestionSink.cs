using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Runtime.Twins;

namespace Mirrorspace.Connectivity.Sftp.Import;

internal sealed class ReadingIngestionSink(ReadingIngestion ingestion) : IReadingSink
{
    public Task<ReadingResult> IngestAsync(Reading reading) => ingestion.IngestAsync(reading);

    public Task<IReadOnlyList<ReadingResult>> IngestBatchAsync(IReadOnlyList<Reading> readings) => ingestion.IngestBatchAsync(readings);
}
