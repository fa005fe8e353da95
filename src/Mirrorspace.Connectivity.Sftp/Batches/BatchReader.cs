using Mirrorspace.Storage.Connectors;

namespace Mirrorspace.Connectivity.Sftp.Batches;

internal static class BatchReader
{
    public static BatchParseResult Read(BatchFormat format, ReadOnlyMemory<byte> content) => format switch
    {
        BatchFormat.Csv => CsvBatchReader.Read(content),
        BatchFormat.JsonLines => JsonLinesBatchReader.Read(content),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown batch format."),
    };
}
