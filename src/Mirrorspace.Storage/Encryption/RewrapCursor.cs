namespace Mirrorspace.Storage.Encryption;

/// <summary>The persisted state of a tenant's rewrap pass towards <see cref="TargetVersion"/>.</summary>
public sealed record RewrapCursor(int TargetVersion, RewrapPosition Position, long Scanned, long Rewritten, long Unreadable);
