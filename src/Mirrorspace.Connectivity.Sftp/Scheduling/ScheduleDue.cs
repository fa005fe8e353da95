namespace Mirrorspace.Connectivity.Sftp.Scheduling;

/// <summary>When a connector is due: never run on this node yet, or its interval has passed since its last run started.</summary>
internal static class ScheduleDue
{
    public static bool IsDue(DateTimeOffset? lastStarted, TimeSpan interval, DateTimeOffset now) =>
        lastStarted is not { } last || now - last >= interval || now < last;
}
