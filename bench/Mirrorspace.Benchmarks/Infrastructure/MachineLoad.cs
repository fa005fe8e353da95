namespace Mirrorspace.Benchmarks.Infrastructure;

/// <summary>
/// The 1-minute load average, logged around each benchmark: on a shared 2-core machine other
/// processes compete for the CPU and the disk, and the numbers only mean something next to it.
/// </summary>
internal static class MachineLoad
{
    public static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    public static void Log(string when) => Console.WriteLine($"// load: {when}, 1-minute load average {LoadAverage()} on {Environment.ProcessorCount} cores");
}
