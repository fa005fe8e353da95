namespace Mirrorspace.Server.Api.Common;

/// <summary>A batch of readings all taken: how many, and each one's verdict in order.</summary>
public sealed record ReadingBatchDto(int Taken, IReadOnlyList<ReadingVerdictDto> Readings);
