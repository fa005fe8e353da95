namespace Mirrorspace.Runtime.Ingestion;

/// <summary>The data connection a reading arrived on.</summary>
public enum ReadingChannel
{
    Mqtt,
    Https,
    Sftp,
}
