namespace Mirrorspace.Domain.Integrity;

/// <summary>What a statistical check found in one property's stream.</summary>
public enum IntegritySignal
{
    None,

    /// <summary>A single value far outside the recent spread (robust z-score).</summary>
    Spike,

    /// <summary>A slow, persistent shift away from the learned level (CUSUM).</summary>
    Drift,

    /// <summary>The same value over and over where the sensor used to show noise.</summary>
    Stuck,

    /// <summary>Properties that contradict a relation the model declares, e.g. power ≈ k · speed³.</summary>
    Inconsistent,
}
