namespace Mirrorspace.Domain.Integrity;

/// <summary>
/// Flags a value whose robust z-score against the last <c>window</c> values exceeds the threshold:
/// <c>|x − median| / (1.4826 · MAD)</c>. Median and MAD ignore the outliers they are meant to find,
/// unlike mean and standard deviation. Constant memory: one ring of <c>window</c> values.
/// </summary>
public sealed class SpikeDetector
{
    // 1.4826 · MAD estimates the standard deviation of normally distributed data.
    private const double MadToSigma = 1.4826;
    private readonly double[] _ring;
    private readonly double[] _scratch;
    private readonly double _threshold;
    private readonly double _minimumScale;
    private int _count;
    private int _next;

    /// <param name="minimumScale">
    /// The smallest spread taken seriously (e.g. the sensor's resolution): a legitimately constant
    /// signal has MAD 0, and without a floor its first tiny change would look infinitely unlikely.
    /// </param>
    public SpikeDetector(int window = 31, double threshold = 8, double minimumScale = 1e-6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 5);
        _ring = new double[window];
        _scratch = new double[window];
        _threshold = threshold;
        _minimumScale = minimumScale;
    }

    public double LastScore { get; private set; }

    public IntegritySignal Observe(double value)
    {
        var signal = IntegritySignal.None;
        LastScore = 0;
        if (_count >= _ring.Length / 2)
        {
            var median = Median(_count);
            for (var i = 0; i < _count; i++)
            {
                _scratch[i] = Math.Abs(_ring[i] - median);
            }

            var mad = MedianOfScratch(_count);
            var scale = Math.Max(MadToSigma * mad, Math.Max(_minimumScale, Math.Abs(median) * 1e-3));
            LastScore = Math.Abs(value - median) / scale;
            signal = LastScore > _threshold ? IntegritySignal.Spike : IntegritySignal.None;
        }

        // A spike stays out of the window, so a burst of them cannot widen the spread that judges the next.
        if (signal is IntegritySignal.None)
        {
            _ring[_next] = value;
            _next = (_next + 1) % _ring.Length;
            _count = Math.Min(_count + 1, _ring.Length);
        }

        return signal;
    }

    private double Median(int count)
    {
        Array.Copy(_ring, _scratch, count);
        return MedianOfScratch(count);
    }

    private double MedianOfScratch(int count)
    {
        var values = _scratch.AsSpan(0, count);
        values.Sort();
        return count % 2 == 1 ? values[count / 2] : (values[(count / 2) - 1] + values[count / 2]) / 2;
    }
}
