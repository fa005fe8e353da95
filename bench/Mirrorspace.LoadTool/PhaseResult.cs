using Mirrorspace.Simulation.Metrics;

namespace Mirrorspace.LoadTool;

/// <summary>One measured window of a load run.</summary>
internal sealed record PhaseResult(
    string Target,
    string Phase,
    int Devices,
    double OfferedPerSecond,
    double Seconds,
    long Published,
    long Acknowledged,
    long Refused,
    long Throttled,
    long Lost,
    double AcknowledgedPerSecond,
    LatencySummary LatencyMs,
    double BrokerCpuPerMessageMicros,
    double LoaderCpuPerMessageMicros,
    string LoadAverageBefore,
    string LoadAverageAfter);
