using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Mirrorspace.Benchmarks.Infrastructure;

/// <summary>
/// Shared by every suite. Adds an operations-per-second column (with OperationsPerInvoke set, one
/// operation is one update or one row), and runs the benchmarks in the launching process: the
/// default toolchain rebuilds the solution with Orleans code generation and the analyzers for every
/// run, which takes over two minutes on a 2-core machine and hit BenchmarkDotNet's build timeout.
/// Each benchmark class still gets a fresh state from its own [GlobalSetup].
/// </summary>
public sealed class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        AddColumn(StatisticColumn.OperationsPerSecond);
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsMutator());
    }
}
