namespace Mirrorspace.Runtime.Ingestion;

/// <summary>
/// A device's message allowance: refills at its twin's contract rate, holds up to <c>rate × burst seconds</c>.
/// Called from one connection's receive loop at a time, but locked anyway: a session can be taken over.
/// </summary>
public sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly double _ratePerSecond;
    private readonly double _capacity;
    private double _tokens;
    private long _lastRefill;

    public TokenBucket(double ratePerSecond, double burstSeconds, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _ratePerSecond = ratePerSecond;
        _capacity = Math.Max(1, ratePerSecond * burstSeconds);
        _tokens = _capacity;
        _lastRefill = clock.GetTimestamp();
    }

    public double RatePerSecond => _ratePerSecond;

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + (_clock.GetElapsedTime(_lastRefill, now).TotalSeconds * _ratePerSecond));
            _lastRefill = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
