namespace Mirrorspace.Domain.Models;

/// <summary>What a check does with a reading it finds suspect.</summary>
public enum IntegrityAction
{
    /// <summary>Applied to the twin, marked suspect in the property's quality.</summary>
    Flag = 1,

    /// <summary>Kept aside for a person to release or discard; the twin keeps its previous value.</summary>
    Quarantine = 2,
}
