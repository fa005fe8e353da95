namespace Mirrorspace.LoadTool;

/// <summary>The load averages (1, 5, 15 minutes) as <c>uptime</c> shows them: on a shared machine the numbers only mean something next to them.</summary>
internal static class MachineLoad
{
    public static string Now()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
