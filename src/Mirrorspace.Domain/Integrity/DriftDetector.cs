namespace Mirrorspace.Domain.Integrity;

/// <summary>
/// Two-sided CUSUM (Page, 1954) on standardized values: it learns the stream's level and spread over
/// a warm-up, then accumulates deviations beyond <c>k</c> standard deviations and signals when either
/// sum passes <c>h</c>. A slow drift that no single value betrays adds up; noise around the level
/// drains away. Constant memory. With k = 0.5 and h = 11 the mean run between false alarms on
/// in-control Gaussian noise is several times 10^5 readings (Siegmund's approximation); the long warm-up
/// keeps the learned level within a few hundredths of a standard deviation, which matters as much.
/// </summary>
public sealed class DriftDetector(int warmUp = 1_000, double k = 0.5, double h = 12, double minimumSigma = 1e-6)
{
    private long _seen;
    private double _mean;
    private double _m2;
    private double _high;
    private double _low;

    public bool IsLearning => _seen < warmUp;

    public IntegritySignal Observe(double value)
    {
        if (IsLearning)
        {
            // Welford's running mean and variance.
            _seen++;
            var delta = value - _mean;
            _mean += delta / _seen;
            _m2 += delta * (value - _mean);
            return IntegritySignal.None;
        }

        var sigma = Math.Max(Math.Sqrt(_m2 / (_seen - 1)), minimumSigma);
        var z = (value - _mean) / sigma;
        _high = Math.Max(0, _high + z - k);
        _low = Math.Max(0, _low - z - k);
        if (_high <= h && _low <= h)
        {
            return IntegritySignal.None;
        }

        // Signal once per excursion: start summing afresh, so a stream that stays away is not re-flagged every reading.
        _high = 0;
        _low = 0;
        return IntegritySignal.Drift;
    }
}
