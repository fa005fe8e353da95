namespace Mirrorspace.Storage.Sqlite.History;

/// <summary>An event a commit appended to the log: its twin, its rowid in the log and its version.</summary>
internal readonly record struct LoggedEvent(TwinTail Twin, long Seq, long Version);
