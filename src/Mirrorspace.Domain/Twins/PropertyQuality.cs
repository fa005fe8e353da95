namespace Mirrorspace.Domain.Twins;

/// <summary>How far the current value of a property can be trusted.</summary>
public enum PropertyQuality
{
    Good,
    Suspect,
    Stale,
}
