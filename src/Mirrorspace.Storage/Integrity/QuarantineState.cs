namespace Mirrorspace.Storage.Integrity;

/// <summary>Where a held reading stands: waiting for a person, applied by one, or thrown away by one.</summary>
public enum QuarantineState
{
    Held = 1,
    Released = 2,
    Discarded = 3,
}
