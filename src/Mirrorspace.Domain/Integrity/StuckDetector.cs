namespace Mirrorspace.Domain.Integrity;

/// <summary>
/// Flags a sensor that repeats one value <c>run</c> times in a row after it has shown noise: real
/// measurements of a noisy quantity rarely repeat exactly. A stream that never varied (a set point,
/// a switch) is never flagged. Signals once per run. Constant memory.
/// </summary>
public sealed class StuckDetector(int run = 30, int warmUp = 30, double tolerance = 0)
{
    private long _seen;
    private int _changes;
    private double _last = double.NaN;
    private int _repeats;
    private bool _noisy;

    /// <summary>Whether the stream is in a stuck run now; the signal itself comes once, at the run's start.</summary>
    public bool IsStuck => _noisy && _repeats >= run - 1;

    public IntegritySignal Observe(double value)
    {
        _seen++;
        var same = !double.IsNaN(_last) && Math.Abs(value - _last) <= tolerance;
        _last = value;
        if (!same)
        {
            _changes++;
            _repeats = 0;
            return IntegritySignal.None;
        }

        _repeats++;

        // Noise is expected when most of the warm-up readings differed from the one before.
        _noisy = _seen > warmUp && _changes > warmUp / 2;
        return _noisy && _repeats == run - 1 ? IntegritySignal.Stuck : IntegritySignal.None;
    }
}
