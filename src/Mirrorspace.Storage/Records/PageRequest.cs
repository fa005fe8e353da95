namespace Mirrorspace.Storage.Records;

/// <summary>Keyset paging: items strictly after <see cref="After"/> in the list's order.</summary>
public sealed record PageRequest(int Limit, string? After = null)
{
    public const int MaxLimit = 1000;
}
