using System.Runtime.InteropServices;

namespace Mirrorspace.Benchmarks.Infrastructure;

/// <summary>
/// CPU time of the calling thread (user + system), from getrusage(RUSAGE_THREAD) on Linux; zero
/// elsewhere. Lets the grain benchmark tell how much of the time inside a commit is CPU and how much
/// is waiting (fsync, GC pauses, a core to run on).
/// </summary>
internal static class ThreadCpu
{
    private const int RusageThread = 1;

    public static TimeSpan Current()
    {
        if (!OperatingSystem.IsLinux())
        {
            return TimeSpan.Zero;
        }

        // struct rusage starts with ru_utime and ru_stime, two struct timevals of (seconds, microseconds).
        var usage = new long[18];
        return GetRusage(RusageThread, usage) == 0
            ? TimeSpan.FromMicroseconds(((usage[0] + usage[2]) * 1_000_000.0) + usage[1] + usage[3])
            : TimeSpan.Zero;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, [Out] long[] usage);
}
