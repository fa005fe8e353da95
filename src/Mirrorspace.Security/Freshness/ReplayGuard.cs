namespace Mirrorspace.Security.Freshness;

/// <summary>
/// One device's replay protection, in constant memory: the last accepted sequence number and a clock
/// window. Sequence numbers are 32-bit and compared with serial number arithmetic (RFC 1982), so a
/// device whose counter wraps from 4294967295 to 0 carries on; anything up to 2^31 behind the last
/// accepted number is a replay. A message is only recorded once it is accepted, so a refused one
/// cannot move the window.
/// </summary>
public sealed class ReplayGuard(TimeSpan allowedSkew, uint? lastAccepted = null)
{
    private const uint HalfRange = 1u << 31;
    private readonly Lock _gate = new();
    private uint _last = lastAccepted ?? 0;
    private bool _seenAny = lastAccepted is not null;

    /// <summary>The last accepted sequence number, null before the first.</summary>
    public uint? LastAccepted
    {
        get
        {
            lock (_gate)
            {
                return _seenAny ? _last : null;
            }
        }
    }

    public TimeSpan AllowedSkew { get; } = allowedSkew;

    /// <summary>Checks and, when fresh, records the message.</summary>
    public FreshnessVerdict Check(uint sequence, DateTimeOffset sentAt, DateTimeOffset now)
    {
        if ((sentAt - now).Duration() > AllowedSkew)
        {
            return FreshnessVerdict.OutOfWindow;
        }

        lock (_gate)
        {
            if (_seenAny && !IsAfter(sequence, _last))
            {
                return FreshnessVerdict.Replayed;
            }

            _last = sequence;
            _seenAny = true;
            return FreshnessVerdict.Fresh;
        }
    }

    /// <summary>RFC 1982 §3.2: <paramref name="candidate"/> is after <paramref name="reference"/> if it is 1 to 2^31 − 1 ahead, modulo 2^32.</summary>
    public static bool IsAfter(uint candidate, uint reference)
    {
        var distance = unchecked(candidate - reference);
        return distance is > 0 and < HalfRange;
    }
}
