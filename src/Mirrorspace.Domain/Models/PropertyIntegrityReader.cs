using System.Text.Json.Nodes;

namespace Mirrorspace.Domain.Models;

/// <summary>
/// Reads a property's optional <c>integrity</c> member. A numeric property that says nothing gets
/// <see cref="PropertyIntegrity.Default"/>; each check may be left out (its defaults), tuned, or set to <c>false</c> (off).
/// </summary>
internal static class PropertyIntegrityReader
{
    public static PropertyIntegrity Read(DocumentReader reader, JsonObject item, string path, PropertyType? type)
    {
        // A missing or unknown type is already an error; treating it as numeric still reports the mistakes inside 'integrity'.
        if (type is not (null or PropertyType.Number or PropertyType.Integer))
        {
            if (item["integrity"] is not null)
            {
                reader.Error($"{path}.integrity", "Only number and integer properties take 'integrity'.");
            }

            return PropertyIntegrity.None;
        }

        var integrity = reader.ObjectOrFalse(item, path, "integrity", out var switchedOff);
        if (switchedOff)
        {
            return PropertyIntegrity.None;
        }

        if (integrity is null)
        {
            return PropertyIntegrity.Default;
        }

        var integrityPath = $"{path}.integrity";
        reader.RejectUnknownMembers(integrity, integrityPath, "spike", "drift", "stuck", "implausible");
        return new PropertyIntegrity
        {
            Spike = ReadSpike(reader, integrity, integrityPath),
            Drift = ReadDrift(reader, integrity, integrityPath),
            Stuck = ReadStuck(reader, integrity, integrityPath),
            Implausible = reader.Enum<IntegrityAction>(integrity, integrityPath, "implausible") ?? PropertyIntegrity.Default.Implausible,
        };
    }

    /// <summary>One check's member: absent gives its defaults, <c>false</c> turns it off, an object tunes it.</summary>
    private static T? ReadCheck<T>(
        DocumentReader reader, JsonObject integrity, string integrityPath, string name, T defaults, string[] members, Func<JsonObject, string, T> read)
        where T : class
    {
        var check = reader.ObjectOrFalse(integrity, integrityPath, name, out var switchedOff);
        if (check is null)
        {
            return switchedOff ? null : defaults;
        }

        var path = $"{integrityPath}.{name}";
        reader.RejectUnknownMembers(check, path, members);
        return read(check, path);
    }

    private static SpikeSettings? ReadSpike(DocumentReader reader, JsonObject integrity, string integrityPath)
    {
        var defaults = PropertyIntegrity.Default.Spike!;
        return ReadCheck(reader, integrity, integrityPath, "spike", defaults, ["window", "threshold", "minimumScale", "action"], (spike, path) => new SpikeSettings(
            Window: reader.IntegerInRange(spike, path, "window", 5, 1_000) ?? defaults.Window,
            Threshold: reader.PositiveNumber(spike, path, "threshold", maximum: 1_000) ?? defaults.Threshold,
            MinimumScale: reader.PositiveNumber(spike, path, "minimumScale") ?? defaults.MinimumScale,
            Action: reader.Enum<IntegrityAction>(spike, path, "action") ?? defaults.Action));
    }

    private static DriftSettings? ReadDrift(DocumentReader reader, JsonObject integrity, string integrityPath)
    {
        var defaults = PropertyIntegrity.Default.Drift!;
        return ReadCheck(reader, integrity, integrityPath, "drift", defaults, ["warmUp", "k", "h", "action"], (drift, path) => new DriftSettings(
            WarmUp: reader.IntegerInRange(drift, path, "warmUp", 10, 100_000) ?? defaults.WarmUp,
            K: reader.NonNegativeNumber(drift, path, "k") ?? defaults.K,
            H: reader.PositiveNumber(drift, path, "h") ?? defaults.H,
            Action: reader.Enum<IntegrityAction>(drift, path, "action") ?? defaults.Action));
    }

    private static StuckSettings? ReadStuck(DocumentReader reader, JsonObject integrity, string integrityPath)
    {
        var defaults = PropertyIntegrity.Default.Stuck!;
        return ReadCheck(reader, integrity, integrityPath, "stuck", defaults, ["run", "warmUp", "tolerance", "action"], (stuck, path) => new StuckSettings(
            Run: reader.IntegerInRange(stuck, path, "run", 2, 10_000) ?? defaults.Run,
            WarmUp: reader.IntegerInRange(stuck, path, "warmUp", 0, 100_000) ?? defaults.WarmUp,
            Tolerance: reader.NonNegativeNumber(stuck, path, "tolerance") ?? defaults.Tolerance,
            Action: reader.Enum<IntegrityAction>(stuck, path, "action") ?? defaults.Action));
    }
}
