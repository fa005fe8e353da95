using System.Security.Cryptography;
using Mirrorspace.Domain.Integrity;
using Mirrorspace.Security.Freshness;
using Mirrorspace.Security.Signatures;

namespace Mirrorspace.Runtime.Ingestion;

/// <summary>
/// What the node keeps about one device between readings: its pinned signing key, its replay guard,
/// and its trust score. The score falls with suspect data and recovers slowly with clean data, so one
/// bad reading costs more than one good reading earns back.
/// </summary>
public sealed class DeviceTrust(string deviceId, string tenantId, string twinId, DeviceSigningKey? signingKey, ReplayGuard guard, double trust) : IDisposable
{
    // Per reading: clean data closes 2% of the gap to full trust; suspect data takes 10–30% off.
    private const double Recovery = 0.02;
    private const double FlaggedFactor = 0.9;
    private const double QuarantinedFactor = 0.8;
    private const double RejectedFactor = 0.7;

    // As the broker allows MQTT devices: the contract rate, with two seconds of it as a burst.
    private const double BurstSeconds = 2;

    private readonly Lock _gate = new();
    private double _trust = trust;
    private double _storedTrust = trust;
    private byte[]? _lastAcceptedDigest;
    private TokenBucket? _httpsAllowance;
    private bool _inThrottledRun;

    public string DeviceId { get; } = deviceId;

    public string TenantId { get; } = tenantId;

    public string TwinId { get; } = twinId;

    /// <summary>Null when the device's readings are not signed.</summary>
    public DeviceSigningKey? SigningKey { get; } = signingKey;

    public ReplayGuard Guard { get; } = guard;

    public double Trust
    {
        get
        {
            lock (_gate)
            {
                return _trust;
            }
        }
    }

    /// <summary>
    /// The score, when it moved since it was last handed out to be stored; null when the stored one is
    /// current. A healthy device stays at full trust, so most readings need not rewrite its record.
    /// </summary>
    public double? TakeTrustToStore()
    {
        lock (_gate)
        {
            if (_trust == _storedTrust)
            {
                return null;
            }

            _storedTrust = _trust;
            return _trust;
        }
    }

    /// <summary>Moves the score by one reading's verdict and returns the new score.</summary>
    public double Record(Verdict verdict)
    {
        lock (_gate)
        {
            _trust = verdict switch
            {
                Verdict.Accepted => _trust + ((1 - _trust) * Recovery),
                Verdict.Flagged => _trust * FlaggedFactor,
                Verdict.Quarantined => _trust * QuarantinedFactor,
                _ => _trust * RejectedFactor,
            };
            return _trust;
        }
    }

    /// <summary>
    /// Whether a message the guard calls a replay is the very message last accepted, sent again: an
    /// MQTT QoS 1 retransmission after a lost PUBACK. It is stored already, so it is acknowledged, not applied twice.
    /// </summary>
    public bool IsRetransmission(uint sequence, ReadOnlySpan<byte> message)
    {
        lock (_gate)
        {
            return Guard.LastAccepted == sequence && _lastAcceptedDigest is not null
                && CryptographicOperations.FixedTimeEquals(_lastAcceptedDigest, SHA256.HashData(message));
        }
    }

    public void Accepted(ReadOnlySpan<byte> message)
    {
        var digest = SHA256.HashData(message);
        lock (_gate)
        {
            _lastAcceptedDigest = digest;
        }
    }

    /// <summary>
    /// Takes one HTTPS reading from the device's allowance (MQTT readings are metered by the broker).
    /// <paramref name="runStarts"/> is set for the first refusal after an allowed reading, so a run of
    /// them raises one flood signal. Unmetered until the twin's contract rate is known.
    /// </summary>
    public bool TryTakeHttpsAllowance(out bool runStarts)
    {
        lock (_gate)
        {
            if (_httpsAllowance is null || _httpsAllowance.TryTake())
            {
                _inThrottledRun = false;
                runStarts = false;
                return true;
            }

            runStarts = !_inThrottledRun;
            _inThrottledRun = true;
            return false;
        }
    }

    /// <summary>Meters HTTPS readings at the twin's contract rate, as its model says now.</summary>
    public void UseContractRate(double ratePerSecond, TimeProvider clock)
    {
        lock (_gate)
        {
            if (ratePerSecond > 0 && _httpsAllowance?.RatePerSecond != ratePerSecond)
            {
                _httpsAllowance = new TokenBucket(ratePerSecond, BurstSeconds, clock);
            }
        }
    }

    public void Dispose() => SigningKey?.Dispose();
}
