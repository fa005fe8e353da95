using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Common;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Server.Api.Features.ApiKeys;

/// <summary>Reads the members of a key request body, collecting one error per bad member rather than stopping at the first.</summary>
internal sealed class BodyFields(JsonObject body)
{
    public List<ValidationError> Errors { get; } = [];

    /// <summary>Refuses members the request does not define (no mass assignment).</summary>
    public void RefuseUnknown(params string[] known) =>
        Errors.AddRange(body.Where(p => !known.Contains(p.Key, StringComparer.Ordinal)).Select(p => new ValidationError($"$.{p.Key}", "Unknown field.")));

    public string? String(string name, bool required = false)
    {
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
            {
                Errors.Add(new ValidationError($"$.{name}", "Required."));
            }

            return null;
        }

        if (node.GetValueKind() is not JsonValueKind.String)
        {
            Errors.Add(new ValidationError($"$.{name}", "Must be a string."));
            return null;
        }

        return node.GetValue<string>();
    }

    public IReadOnlyList<string> Strings(string name)
    {
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            return [];
        }

        if (node is not JsonArray array || array.Any(item => item?.GetValueKind() is not JsonValueKind.String))
        {
            Errors.Add(new ValidationError($"$.{name}", "Must be an array of strings."));
            return [];
        }

        return [.. array.Select(item => item!.GetValue<string>())];
    }

    public TenantRole? Role(string name, TenantRole? fallback)
    {
        var text = String(name, required: fallback is null);
        if (text is null)
        {
            return fallback;
        }

        if (RolePermissions.TryParse(text, out var role))
        {
            return role;
        }

        Errors.Add(new ValidationError($"$.{name}", "Must be viewer, analyst, operator, auditor or admin."));
        return null;
    }

    public DataClassification? Clearance(string name, DataClassification fallback)
    {
        var text = String(name);
        if (text is null)
        {
            return fallback;
        }

        if (DataClassifications.TryParse(text, out var clearance))
        {
            return clearance;
        }

        Errors.Add(new ValidationError($"$.{name}", "Must be public, community, consortium, proprietary, personal or health."));
        return null;
    }

    /// <summary>An ISO 8601 duration (<c>P30D</c>, <c>PT4H</c>), as connector intervals are written.</summary>
    public TimeSpan? Duration(string name, TimeSpan? fallback)
    {
        var text = String(name, required: fallback is null);
        if (text is null)
        {
            return fallback;
        }

        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            Errors.Add(new ValidationError($"$.{name}", "Must be an ISO 8601 duration such as P30D or PT4H."));
            return null;
        }
        catch (OverflowException)
        {
            Errors.Add(new ValidationError($"$.{name}", "Too long."));
            return null;
        }
    }
}
