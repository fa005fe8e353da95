namespace Mirrorspace.Simulation.Attacks;

/// <summary>
/// How far the node's clock is ahead of this machine's. The node stamps its signals with its own time,
/// and matching a signal to the message that caused it needs both clocks to agree to a few
/// milliseconds, closer than two machines synchronised by NTP are sure to. Each reading whose node time
/// is known (the twin's <c>lastUpdated</c>) was stamped between its send and its acknowledgement, which
/// bounds the offset; the bounds of several readings are intersected.
/// </summary>
public sealed class ClockOffset
{
    private TimeSpan _low = TimeSpan.MinValue;
    private TimeSpan _high = TimeSpan.MaxValue;

    public bool IsKnown => _low <= _high && _low != TimeSpan.MinValue;

    /// <summary>The middle of what the readings allow; zero before any.</summary>
    public TimeSpan Estimate => IsKnown ? _low + ((_high - _low) / 2) : TimeSpan.Zero;

    /// <summary>The half-width of what the readings allow: the estimate is this close at worst.</summary>
    public TimeSpan Uncertainty => IsKnown ? (_high - _low) / 2 : TimeSpan.MaxValue;

    /// <summary>Adds one reading, sent and acknowledged at the given local times and stamped <paramref name="nodeTime"/> by the node.</summary>
    public void Add(DateTimeOffset sent, DateTimeOffset acknowledged, DateTimeOffset nodeTime)
    {
        var low = nodeTime - acknowledged;
        var high = nodeTime - sent;

        // Bounds that do not meet mean a clock stepped in between: the newest reading is the one to believe.
        if (low > _high || high < _low)
        {
            (_low, _high) = (low, high);
            return;
        }

        _low = low > _low ? low : _low;
        _high = high < _high ? high : _high;
    }

    /// <summary>A node time on this machine's clock.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset nodeTime) => nodeTime - Estimate;
}
