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
    private bool _inExcursion;
    private double _recentZ;

    // During an excursion: the weight of each reading in the recent average of z, and how close to the
    // level that average must come for the excursion to be over (about 30 readings after a return).
    private const double RecentWeight = 0.1;
    private const double BackAtLevel = 0.5;

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
        if (_inExcursion)
        {
            // Signalled already: stay quiet until the stream is back at its level, so one drift is one signal.
            _recentZ += RecentWeight * (z - _recentZ);
            _inExcursion = Math.Abs(_recentZ) >= BackAtLevel;
            return IntegritySignal.None;
        }

        _high = Math.Max(0, _high + z - k);
        _low = Math.Max(0, _low - z - k);
        if (_high <= h && _low <= h)
        {
            return IntegritySignal.None;
        }

        // Signal once per excursion, and sum afresh once it is over.
        ForgetSums();
        _inExcursion = true;
        _recentZ = z;
        return IntegritySignal.Drift;
    }

    /// <summary>
    /// Drops what the sums hold: the values just summed were not the sensor's (a stuck run found by
    /// another check), so they must not push the next honest reading over the threshold.
    /// </summary>
    public void ForgetSums()
    {
        _high = 0;
        _low = 0;
    }
}
