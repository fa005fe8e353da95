using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Mirrorspace.Domain.Common;

namespace Mirrorspace.Domain.Models;

/// <summary>
/// Reads typed members out of a JSON object and collects every problem with its JSON path
/// instead of stopping at the first one, so an author sees all mistakes in one round trip.
/// </summary>
internal sealed class DocumentReader(List<ValidationError> errors)
{
    public bool HasErrors => errors.Count > 0;

    public void Error(string path, string message) => errors.Add(new ValidationError(path, message));

    public void RejectUnknownMembers(JsonObject obj, string path, params string[] allowed)
    {
        foreach (var (name, _) in obj)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                Error($"{path}.{name}", $"Unknown member '{name}'. Allowed: {string.Join(", ", allowed)}.");
            }
        }
    }

    public string? String(JsonObject obj, string path, string name, bool required = false, int maxLength = 256)
    {
        var node = Member(obj, path, name, required);
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() is not JsonValueKind.String)
        {
            Error($"{path}.{name}", "Must be a string.");
            return null;
        }

        var value = node.GetValue<string>();
        if (value.Length > maxLength)
        {
            Error($"{path}.{name}", $"Must be at most {maxLength} characters.");
            return null;
        }

        return value;
    }

    public double? Number(JsonObject obj, string path, string name, bool required = false)
    {
        var node = Member(obj, path, name, required);
        if (node is null)
        {
            return null;
        }

        if (!JsonNumbers.TryGetFinite(node, out var value))
        {
            Error($"{path}.{name}", "Must be a number.");
            return null;
        }

        return value;
    }

    public long? Integer(JsonObject obj, string path, string name, bool required = false)
    {
        var value = Number(obj, path, name, required);
        if (value is null)
        {
            return null;
        }

        if (value != Math.Floor(value.Value) || Math.Abs(value.Value) > int.MaxValue)
        {
            Error($"{path}.{name}", "Must be an integer.");
            return null;
        }

        return (long)value.Value;
    }

    /// <summary>An optional integer from <paramref name="minimum"/> to <paramref name="maximum"/>, both included.</summary>
    public int? IntegerInRange(JsonObject obj, string path, string name, int minimum, int maximum)
    {
        var value = Integer(obj, path, name);
        if (value < minimum || value > maximum)
        {
            Error($"{path}.{name}", $"Must be from {minimum} to {maximum}.");
            return null;
        }

        return (int?)value;
    }

    /// <summary>An optional number greater than 0 and at most <paramref name="maximum"/>.</summary>
    public double? PositiveNumber(JsonObject obj, string path, string name, double maximum = double.PositiveInfinity)
    {
        var value = Number(obj, path, name);
        if (value <= 0 || value > maximum)
        {
            Error($"{path}.{name}", double.IsPositiveInfinity(maximum) ? "Must be greater than 0." : $"Must be greater than 0 and at most {maximum}.");
            return null;
        }

        return value;
    }

    /// <summary>An optional number of 0 or more, at most <paramref name="maximum"/>.</summary>
    public double? NonNegativeNumber(JsonObject obj, string path, string name, double maximum = double.PositiveInfinity)
    {
        var value = Number(obj, path, name);
        if (value < 0 || value > maximum)
        {
            Error($"{path}.{name}", double.IsPositiveInfinity(maximum) ? "Must be 0 or greater." : $"Must be from 0 to {maximum}.");
            return null;
        }

        return value;
    }

    public bool? Boolean(JsonObject obj, string path, string name)
    {
        var node = Member(obj, path, name, required: false);
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error($"{path}.{name}", "Must be true or false.");
            return null;
        }

        return node.GetValue<bool>();
    }

    /// <summary>An ISO 8601 duration such as <c>PT1S</c> or <c>PT5M</c>.</summary>
    public TimeSpan? Duration(JsonObject obj, string path, string name)
    {
        var text = String(obj, path, name);
        if (text is null)
        {
            return null;
        }

        try
        {
            var value = XmlConvert.ToTimeSpan(text);
            if (value <= TimeSpan.Zero)
            {
                Error($"{path}.{name}", "Must be a positive duration.");
                return null;
            }

            return value;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            Error($"{path}.{name}", $"'{text}' is not an ISO 8601 duration such as PT1S or PT5M.");
            return null;
        }
    }

    public TEnum? Enum<TEnum>(JsonObject obj, string path, string name, bool required = false)
        where TEnum : struct, Enum
    {
        var text = String(obj, path, name, required);
        if (text is null)
        {
            return null;
        }

        var allowed = System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()).ToArray();
        if (!allowed.Contains(text, StringComparer.Ordinal))
        {
            Error($"{path}.{name}", $"'{text}' is not one of: {string.Join(", ", allowed)}.");
            return null;
        }

        return System.Enum.Parse<TEnum>(text, ignoreCase: true);
    }

    public JsonObject? Object(JsonObject obj, string path, string name)
    {
        var node = Member(obj, path, name, required: false);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject child)
        {
            Error($"{path}.{name}", "Must be an object.");
            return null;
        }

        return child;
    }

    /// <summary>
    /// An optional part that can be switched off: <c>false</c> sets <paramref name="switchedOff"/>, an
    /// object is returned, and absence returns null so the caller applies its default.
    /// </summary>
    public JsonObject? ObjectOrFalse(JsonObject obj, string path, string name, out bool switchedOff)
    {
        switchedOff = false;
        var node = Member(obj, path, name, required: false);
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() is JsonValueKind.False)
        {
            switchedOff = true;
            return null;
        }

        if (node is not JsonObject child)
        {
            Error($"{path}.{name}", "Must be an object, or false to switch it off.");
            return null;
        }

        return child;
    }

    /// <summary>The objects of an array member, each with its own path; non-objects are reported.</summary>
    public IEnumerable<(JsonObject Item, string Path)> Objects(JsonObject obj, string path, string name, int maxItems)
    {
        var node = Member(obj, path, name, required: false);
        if (node is null)
        {
            yield break;
        }

        if (node is not JsonArray array)
        {
            Error($"{path}.{name}", "Must be an array.");
            yield break;
        }

        if (array.Count > maxItems)
        {
            Error($"{path}.{name}", $"Must have at most {maxItems} items.");
            yield break;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}.{name}[{i}]");
            if (array[i] is JsonObject item)
            {
                yield return (item, itemPath);
            }
            else
            {
                Error(itemPath, "Must be an object.");
            }
        }
    }

    public JsonArray? Array(JsonObject obj, string path, string name)
    {
        var node = Member(obj, path, name, required: false);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            Error($"{path}.{name}", "Must be an array.");
            return null;
        }

        return array;
    }

    private JsonNode? Member(JsonObject obj, string path, string name, bool required)
    {
        if (!obj.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
            {
                Error($"{path}.{name}", "Is required.");
            }

            return null;
        }

        return node;
    }
}
