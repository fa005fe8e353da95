namespace Mirrorspace.Storage.Encryption;

/// <summary>
/// Where a rewrap pass stands, in encrypted values (an event holds two). <see cref="Unreadable"/>
/// counts values that could not be opened — sealed under a retired version or damaged — and so
/// were left as they are.
/// </summary>
public sealed record RewrapProgress(
    string TenantId,
    int TargetVersion,
    RewrapPhase Phase,
    long Scanned,
    long Total,
    long Rewritten,
    long Unreadable)
{
    public bool IsComplete => Phase == RewrapPhase.Done;
}
