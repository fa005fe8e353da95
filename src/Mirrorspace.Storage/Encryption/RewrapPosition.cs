namespace Mirrorspace.Storage.Encryption;

/// <summary>A keyset position: the rows of <see cref="Phase"/> strictly after (<see cref="AfterId"/>, <see cref="AfterVersion"/>).</summary>
public sealed record RewrapPosition(RewrapPhase Phase, string AfterId, long AfterVersion)
{
    public static RewrapPosition Start { get; } = new(RewrapPhase.Tenant, string.Empty, 0);
}
