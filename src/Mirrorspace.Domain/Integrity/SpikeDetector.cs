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
    private readonly double[] _sorted;
    private readonly double _threshold;
    private readonly double _minimumScale;
    private int _count;
    private int _next;
    private double _learnedScale;

    /// <param name="minimumScale">
    /// The smallest spread taken seriously (e.g. the sensor's resolution): a legitimately constant
    /// signal has MAD 0, and without a floor its first tiny change would look infinitely unlikely.
    /// </param>
    public SpikeDetector(int window = 31, double threshold = 8, double minimumScale = 1e-6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 5);
        _ring = new double[window];
        _sorted = new double[window];
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
            var median = Median();
            var scale = Math.Max(Spread(MadToSigma * MedianDeviation(median)), Math.Max(_minimumScale, Math.Abs(median) * 1e-3));
            LastScore = Math.Abs(value - median) / scale;
            signal = LastScore > _threshold ? IntegritySignal.Spike : IntegritySignal.None;
        }

        // A spike stays out of the window, so a burst of them cannot widen the spread that judges the next.
        if (signal is IntegritySignal.None)
        {
            Remember(value);
        }

        return signal;
    }

    /// <summary>
    /// The window's spread, never below what the stream has shown before: after a stuck sensor fills
    /// the window with one value its MAD is 0, and without this memory every honest reading that
    /// follows would look like a spike and, being kept out of the window, never refill it. The memory
    /// follows the spread whenever there is one (an average over about one window), so a stream that
    /// really grows quieter is judged by its new spread soon enough; a stream that never varied has none.
    /// </summary>
    private double Spread(double current)
    {
        if (current > 0)
        {
            _learnedScale = _learnedScale == 0 ? current : _learnedScale + ((current - _learnedScale) / _ring.Length);
        }

        return Math.Max(current, _learnedScale);
    }

    /// <summary>
    /// Keeps the window twice: in arrival order, to know which value leaves, and sorted, so the median
    /// is a lookup and each reading costs two shifts of at most the window instead of two sorts.
    /// </summary>
    private void Remember(double value)
    {
        var sorted = _sorted.AsSpan(0, _count);
        if (_count == _ring.Length)
        {
            var leaving = sorted.BinarySearch(_ring[_next]);
            sorted[(leaving + 1)..].CopyTo(sorted[leaving..]);
            _count--;
            sorted = sorted[..^1];
        }

        var at = sorted.BinarySearch(value);
        at = at < 0 ? ~at : at;
        _sorted.AsSpan(at, _count - at).CopyTo(_sorted.AsSpan(at + 1));
        _sorted[at] = value;
        _count++;
        _ring[_next] = value;
        _next = (_next + 1) % _ring.Length;
    }

    private double Median() => Middle(_sorted.AsSpan(0, _count));

    /// <summary>
    /// The median of |x − median| without sorting: below and above the median the distances already
    /// grow outwards, so merging the two runs from the middle meets the middle distance in one pass.
    /// </summary>
    private double MedianDeviation(double median)
    {
        var sorted = _sorted.AsSpan(0, _count);
        var above = 0;
        while (above < sorted.Length && sorted[above] < median)
        {
            above++;
        }

        var below = above - 1;
        var wanted = sorted.Length / 2;
        double previous = 0;
        for (var taken = 0; taken <= wanted; taken++)
        {
            var fromBelow = below >= 0 ? median - sorted[below] : double.PositiveInfinity;
            var fromAbove = above < sorted.Length ? sorted[above] - median : double.PositiveInfinity;
            var distance = Math.Min(fromBelow, fromAbove);
            if (fromBelow <= fromAbove)
            {
                below--;
            }
            else
            {
                above++;
            }

            if (taken == wanted - 1)
            {
                previous = distance;
            }

            if (taken == wanted)
            {
                return sorted.Length % 2 == 1 ? distance : (previous + distance) / 2;
            }
        }

        return 0;
    }

    private static double Middle(ReadOnlySpan<double> sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
