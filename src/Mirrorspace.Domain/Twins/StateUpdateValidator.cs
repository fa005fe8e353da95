using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mirrorspace.Domain.Common;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Twins;

/// <summary>Checks a reported or desired merge patch against the twin's model before it is applied.</summary>
public static class StateUpdateValidator
{
    public const int MaxStringLength = 4096;

    /// <summary>
    /// Reported values must be declared, well typed, within bounds and physically plausible: a change
    /// faster than the property's max rate of change since the last reading is refused.
    /// </summary>
    public static IReadOnlyList<ValidationError> ValidateReported(TwinModel model, TwinState current, JsonObject patch, DateTimeOffset now)
    {
        var check = CheckReported(model, current, patch, now);
        if (check.Implausible.Count == 0)
        {
            return check.Errors;
        }

        // One list in the patch's own order, as a person reads their request.
        var order = patch.Select((member, index) => (member.Key, index)).ToDictionary(p => $"$.{p.Key}", p => p.index, StringComparer.Ordinal);
        return [.. check.Errors.Concat(check.Implausible.Select(i => new ValidationError($"$.{i.Property}", i.Message))).OrderBy(e => order.GetValueOrDefault(e.Path))];
    }

    /// <summary>
    /// The same checks, with the two kinds of failure apart: <see cref="ReportedCheck.Errors"/> make
    /// the message malformed (undeclared or wrongly typed values), <see cref="ReportedCheck.Implausible"/>
    /// are well-formed values the physical entity cannot have (out of bounds, too fast a change).
    /// </summary>
    public static ReportedCheck CheckReported(TwinModel model, TwinState current, JsonObject patch, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(patch);
        var errors = new List<ValidationError>();
        var implausible = new List<ImplausibleValue>();
        foreach (var (name, value) in patch)
        {
            if (!model.Properties.TryGetValue(name, out var property))
            {
                errors.Add(new ValidationError(PathOf(name), $"'{name}' is not a property or telemetry of model {model.Id} v{model.Version}."));
                continue;
            }

            if (value is null || !CheckType(property, value, name, errors))
            {
                continue;
            }

            if (property.Type is PropertyType.Number or PropertyType.Integer && JsonNumbers.TryGetFinite(value, out var number))
            {
                if (CheckBounds(property, number) is { } outOfBounds)
                {
                    implausible.Add(new ImplausibleValue(name, ImplausibleKind.OutOfBounds, outOfBounds));
                }
                else if (property.MaxRateOfChange is { } maxRate && CheckRateOfChange(property, maxRate, current, number, now) is { } tooFast)
                {
                    implausible.Add(new ImplausibleValue(name, ImplausibleKind.RateOfChange, tooFast));
                }
            }
        }

        return new ReportedCheck(errors, implausible);
    }

    /// <summary>Desired values may only target writable properties and must be valid values for them.</summary>
    public static IReadOnlyList<ValidationError> ValidateDesired(TwinModel model, JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(patch);
        var errors = new List<ValidationError>();
        foreach (var (name, value) in patch)
        {
            if (!model.Properties.TryGetValue(name, out var property))
            {
                errors.Add(new ValidationError(PathOf(name), $"'{name}' is not a property of model {model.Id} v{model.Version}."));
            }
            else if (!property.Writable)
            {
                errors.Add(new ValidationError(PathOf(name), $"'{name}' is not writable; only the device reports it."));
            }
            else if (value is not null && CheckType(property, value, name, errors)
                && JsonNumbers.TryGetFinite(value, out var number) && CheckBounds(property, number) is { } outOfBounds)
            {
                errors.Add(new ValidationError(PathOf(name), outOfBounds));
            }
        }

        return errors;
    }

    private static bool CheckType(PropertyDefinition property, JsonNode value, string name, List<ValidationError> errors)
    {
        var kind = value.GetValueKind();
        var error = property.Type switch
        {
            PropertyType.Number => JsonNumbers.TryGetFinite(value, out _) ? null : kind is JsonValueKind.Number ? "Must be a finite number." : "Must be a number.",
            PropertyType.Integer => JsonNumbers.TryGetFinite(value, out var integer) && IsInteger(integer) ? null : "Must be an integer.",
            PropertyType.Boolean => kind is JsonValueKind.True or JsonValueKind.False ? null : "Must be true or false.",
            PropertyType.String => kind is JsonValueKind.String ? CheckLength(value.GetValue<string>()) : "Must be a string.",
            PropertyType.Enum => kind is JsonValueKind.String && property.EnumValues.Contains(value.GetValue<string>(), StringComparer.Ordinal)
                ? null
                : $"Must be one of: {string.Join(", ", property.EnumValues)}.",
            PropertyType.Object => kind is JsonValueKind.Object ? null : "Must be an object.",
            _ => "Unsupported property type.",
        };
        if (error is null)
        {
            return true;
        }

        errors.Add(new ValidationError(PathOf(name), error));
        return false;
    }

    // Built only for an error: the common, valid value allocates no path.
    private static string PathOf(string property) => $"$.{property}";

    private static bool IsInteger(double number)
    {
        return number == Math.Floor(number) && Math.Abs(number) <= 9_007_199_254_740_991d;
    }

    private static string? CheckBounds(PropertyDefinition property, double value)
    {
        if (property.Minimum is { } min && value < min)
        {
            return Format($"{value} is below the minimum {min}{UnitSuffix(property)}.");
        }

        if (property.Maximum is { } max && value > max)
        {
            return Format($"{value} is above the maximum {max}{UnitSuffix(property)}.");
        }

        return null;
    }

    private static string? CheckLength(string value) =>
        value.Length > MaxStringLength ? $"Must be at most {MaxStringLength} characters." : null;

    private static string? CheckRateOfChange(PropertyDefinition property, double maxRate, TwinState current, double next, DateTimeOffset now)
    {
        if (!JsonNumbers.TryGetFinite(current.Reported[property.Name], out var previous)
            || !current.ReportedMetadata.TryGetValue(property.Name, out var metadata))
        {
            return null;
        }

        var change = Math.Abs(next - previous);
        var seconds = (now - metadata.LastUpdated).TotalSeconds;
        if (change == 0 || (seconds > 0 && change / seconds <= maxRate))
        {
            return null;
        }

        return Format($"Changed by {change}{UnitSuffix(property)} in {Math.Max(seconds, 0):0.###} s; the maximum rate of change is {maxRate}{UnitSuffix(property)}/s.");
    }

    private static string UnitSuffix(PropertyDefinition property) => property.Unit is null ? string.Empty : $" {property.Unit}";

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
