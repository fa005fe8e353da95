using System.Collections.Concurrent;
using MQTTnet;

namespace Mirrorspace.Simulation.Metrics;

/// <summary>
/// What every device of a run did, counted across devices. Every publish ends in exactly one of
/// acknowledged, refused (by reason code), throttled or lost, so the four add up to published once
/// nothing is in flight.
/// </summary>
public sealed class SimulationCounters
{
    private readonly ConcurrentDictionary<MqttClientPublishReasonCode, long> _refused = new();
    private readonly LatencyHistogram _latency = new();
    private long _published;
    private long _acknowledged;
    private long _throttled;
    private long _lost;
    private long _reconnects;
    private long _desired;
    private long _commands;

    public void Published() => Interlocked.Increment(ref _published);

    /// <summary>A PUBACK with a success code; <paramref name="latency"/> runs from the send to the acknowledgement.</summary>
    public void Acknowledged(TimeSpan latency)
    {
        Interlocked.Increment(ref _acknowledged);
        _latency.Record(latency);
    }

    /// <summary>A PUBACK with an error code. Over-rate answers (QuotaExceeded) count as throttled, not refused.</summary>
    public void Refused(MqttClientPublishReasonCode code)
    {
        if (code is MqttClientPublishReasonCode.QuotaExceeded)
        {
            Interlocked.Increment(ref _throttled);
        }
        else
        {
            _refused.AddOrUpdate(code, 1, (_, n) => n + 1);
        }
    }

    /// <summary>No answer: the connection broke or the answer timed out, so the device cannot know whether it was stored.</summary>
    public void Lost() => Interlocked.Increment(ref _lost);

    public void Reconnected() => Interlocked.Increment(ref _reconnects);

    public void DesiredReceived() => Interlocked.Increment(ref _desired);

    public void CommandReceived() => Interlocked.Increment(ref _commands);

    public SimulationSnapshot Snapshot() => new(
        Interlocked.Read(ref _published),
        Interlocked.Read(ref _acknowledged),
        _refused.Where(p => p.Value > 0).ToDictionary(p => p.Key.ToString(), p => p.Value, StringComparer.Ordinal),
        Interlocked.Read(ref _throttled),
        Interlocked.Read(ref _lost),
        Interlocked.Read(ref _reconnects),
        Interlocked.Read(ref _desired),
        Interlocked.Read(ref _commands),
        _latency.Snapshot());
}
