using System.CommandLine;
using System.Globalization;

namespace Mirrorspace.Cli.Commands;

/// <summary>A duration written as people write them: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>30d</c> (or <c>hh:mm:ss</c>).</summary>
internal static class DurationOption
{
    public static Option<TimeSpan?> Create(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (TryParse(text, out var duration) && duration > TimeSpan.Zero)
            {
                return duration;
            }

            result.AddError($"'{text}' is not a positive duration such as 30s, 5m, 500ms or 30d.");
            return null;
        },
    };

    public static bool TryParse(string text, out TimeSpan duration)
    {
        var units = new (string Suffix, Func<double, TimeSpan> Of)[]
        {
            ("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes), ("h", TimeSpan.FromHours), ("d", TimeSpan.FromDays),
        };
        foreach (var (suffix, of) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                try
                {
                    duration = of(amount);
                    return true;
                }
                catch (Exception ex) when (ex is OverflowException or ArgumentException)
                {
                    break;
                }
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
    }
}
