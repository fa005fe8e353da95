using System.Globalization;

namespace Mirrorspace.Benchmarks.Infrastructure;

/// <summary>
/// Pools of reported merge patches for the pump model, e.g.
/// <c>{"temperature":41.7,"vibration":2.2,"speed":1450,"power":15.1}</c>. The values are
/// deterministic and always within the model's bounds; built once so no benchmark measures formatting.
/// </summary>
internal static class ReportedPatches
{
    /// <summary>A power of two, so callers pick a patch with <c>index &amp; (Count - 1)</c>.</summary>
    public const int Count = 4096;

    /// <summary>
    /// With <paramref name="alternateTemperature"/> consecutive patches swing the temperature between
    /// 41.7 and 42.2 °C (0.5 °C, within the 2 °C/s limit when a reading arrives at least every 0.25 s);
    /// otherwise the temperature stays at 41.7 °C so wall-clock timing can never trip the rate check.
    /// </summary>
    public static string[] Create(bool alternateTemperature)
    {
        var patches = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            var temperature = alternateTemperature && (i & 1) == 1 ? 42.2 : 41.7;
            var vibration = 0.5 + (i % 40 / 10.0);      // 0.5 .. 4.4 mm/s
            var speed = 1000 + (i * 7 % 2000);          // 1000 .. 2999 rpm
            var power = 5 + (i * 13 % 550 / 10.0);      // 5.0 .. 59.9 kW
            patches[i] = string.Create(
                CultureInfo.InvariantCulture,
                $$"""{"temperature":{{temperature}},"vibration":{{vibration}},"speed":{{speed}},"power":{{power}}}""");
        }

        return patches;
    }
}
