using System.Globalization;
using Mirrorspace.Simulation.Attacks;
using Spectre.Console;

namespace Mirrorspace.Cli.Simulation;

/// <summary>An attack report as people read it: one row per class, then what the numbers rest on.</summary>
internal static class AttackTable
{
    public static void Print(AttackReport report, string? reportPath)
    {
        // Redirected output has no width to respect, and an 80-column rendering would wrap every cell.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 140);
        }

        var table = new Table().Border(TableBorder.Rounded).Title("Detection report");
        table.AddColumns("class", "check", "injected", "detected", "missed", "false\nalarms", "per 100k\nclean", "on other\nattacks", "delay, readings\nmedian / max", "delay, ms\nmedian / max", "goal");
        foreach (var c in report.Classes)
        {
            table.AddRow(
                c.Class,
                c.HardCheck ? "hard" : "statistical",
                c.Injections.ToString(CultureInfo.InvariantCulture),
                Number(c.Detected),
                Number(c.Missed),
                Number(c.FalseAlarms),
                c.FalseAlarmsPer100k is { } rate ? Format($"{rate:0.#}") : "-",
                Number(c.AlarmsOnOtherInjections),
                Delays(c.DelayReadings, "0"),
                Delays(c.DelayMs, "0"),
                !c.Observed ? "[yellow]not observed[/]" : c.GoalMet ? "[green]met[/]" : "[red]missed[/]");
        }

        AnsiConsole.Write(table);
        var run = report.Run;
        Console.WriteLine(Format($"""
            {run.Devices} devices at {run.RatePerSecond} readings/s for {run.Seconds:0} s (warm-up {run.WarmUpReadings} readings, floods of {run.FloodMessages} messages), model {run.Model}: contract {run.MaxMessagesPerSecond} messages/s, stale after {run.StaleAfterSeconds} s.
            {report.Messages.Published} messages published, {report.Messages.Lost} lost; {report.Messages.CleanReadings} clean readings answered. Node clock offset {run.ClockOffsetMs:0.0} ms (± {run.ClockUncertaintyMs:0.0} ms).
            """));
        if (!run.SignalsFeed)
        {
            Console.WriteLine("The node has no signals feed (GET /api/v1/twins/{id}/signals): the value checks could not be observed.");
        }

        Console.WriteLine(report.GoalsMet ? "Every class met its goal." : $"Goals missed: {string.Join(", ", report.Classes.Where(c => !c.GoalMet).Select(c => c.Class))}.");
        if (reportPath is not null)
        {
            Console.WriteLine($"Report written to {reportPath}.");
        }
    }

    private static string Number<T>(T? value)
        where T : struct, IFormattable => value is { } v ? v.ToString(null, CultureInfo.InvariantCulture) : "-";

    private static string Delays(Delay delay, string format) =>
        delay.Median is { } median ? $"{median.ToString(format, CultureInfo.InvariantCulture)} / {delay.Max!.Value.ToString(format, CultureInfo.InvariantCulture)}" : "-";

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
