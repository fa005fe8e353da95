using Mirrorspace.Domain.Common;

namespace Mirrorspace.Runtime.History;

/// <summary>
/// Folds a property's points into fixed intervals aligned to the Unix epoch, so the same interval
/// always yields the same bucket boundaries whatever range is asked for.
/// </summary>
public sealed class Downsampler(TimeSpan interval)
{
    private readonly List<HistoryBucket> _buckets = [];
    private long _start = long.MinValue;
    private double _min;
    private double _max;
    private double _sum;
    private long _count;

    public IReadOnlyList<HistoryBucket> Buckets => _buckets;

    /// <summary>Adds a point; returns false when its value is not a number (such a property cannot be downsampled).</summary>
    public bool Add(PropertyPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (point.Value is null)
        {
            return true;
        }

        if (!JsonNumbers.TryGetFinite(point.Value, out var value))
        {
            return false;
        }

        var ticks = point.Timestamp.UtcTicks;
        var sinceEpoch = ticks - DateTimeOffset.UnixEpoch.UtcTicks;
        var start = ticks - (((sinceEpoch % interval.Ticks) + interval.Ticks) % interval.Ticks);
        if (start != _start)
        {
            Flush();
            _start = start;
            _min = value;
            _max = value;
        }

        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        _sum += value;
        _count++;
        return true;
    }

    /// <summary>Closes the last open bucket; call once after the final point.</summary>
    public IReadOnlyList<HistoryBucket> Complete()
    {
        Flush();
        return _buckets;
    }

    private void Flush()
    {
        if (_count > 0)
        {
            _buckets.Add(new HistoryBucket(new DateTimeOffset(_start, TimeSpan.Zero), _min, _max, _sum / _count, _count));
        }

        _sum = 0;
        _count = 0;
    }
}
