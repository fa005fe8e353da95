namespace Mirrorspace.Domain.Models;

/// <summary>
/// The statistical checks run on one numeric property's stream (null: that check is off). The model
/// may tune or switch off each; <see cref="Default"/> is what a numeric property gets when it says nothing.
/// </summary>
public sealed record PropertyIntegrity
{
    public static readonly PropertyIntegrity Default = new()
    {
        Spike = new SpikeSettings(),
        Drift = new DriftSettings(),
        Stuck = new StuckSettings(),
    };

    /// <summary>No statistical checks (non-numeric properties, or <c>"integrity": false</c>).</summary>
    public static readonly PropertyIntegrity None = new();

    public SpikeSettings? Spike { get; init; }

    public DriftSettings? Drift { get; init; }

    public StuckSettings? Stuck { get; init; }

    /// <summary>Out of bounds or faster than the max rate of change: hard checks, always on for properties that declare them.</summary>
    public IntegrityAction Implausible { get; init; } = IntegrityAction.Quarantine;
}

/// <summary>Robust z-score over a sliding window (see <c>SpikeDetector</c>).</summary>
public sealed record SpikeSettings(int Window = 31, double Threshold = 8, double MinimumScale = 1e-6, IntegrityAction Action = IntegrityAction.Quarantine);

/// <summary>Two-sided CUSUM after a warm-up (see <c>DriftDetector</c>).</summary>
public sealed record DriftSettings(int WarmUp = 1_000, double K = 0.5, double H = 12, IntegrityAction Action = IntegrityAction.Flag);

/// <summary>Repeated identical values after the stream has shown noise (see <c>StuckDetector</c>).</summary>
public sealed record StuckSettings(int Run = 30, int WarmUp = 30, double Tolerance = 0, IntegrityAction Action = IntegrityAction.Flag);
