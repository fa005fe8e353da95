using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Mirrorspace.Benchmarks.Infrastructure;

/// <summary>Adds an operations-per-second column: with OperationsPerInvoke set, one operation is one row or one update.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
