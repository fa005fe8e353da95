using System.Text.Json.Nodes;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Common;
using Mirrorspace.Domain.Models;
using Mirrorspace.Server.Hosting.Keys;

namespace Mirrorspace.Server.Api.Features.ApiKeys;

/// <summary>The bodies that ask for a key: a tenant admin's issuance, and the platform administrator's break-glass grant.</summary>
internal static class KeyRequestBody
{
    /// <summary>Shorter reasons ("test", "debug") say nothing an incident review could check.</summary>
    public const int MinReasonLength = 20;
    // The reason is kept as the grant's description, which has its own bound.
    public const int MaxReasonLength = 180;

    /// <summary><c>{"role", "description"?, "lifetime"? (ISO 8601), "clearance"?, "purpose"?, "scopes"?}</c></summary>
    public static (ApiKeyRequest? Request, IReadOnlyList<ValidationError> Errors) ReadIssue(JsonObject body, ApiKeyOptions options, string issuedBy)
    {
        var fields = new BodyFields(body);
        fields.RefuseUnknown("role", "description", "lifetime", "clearance", "purpose", "scopes");
        var role = fields.Role("role", fallback: null);
        var clearance = fields.Clearance("clearance", DataClassification.Proprietary);
        var request = new ApiKeyRequest
        {
            Grant = new AccessGrant(role ?? default, clearance ?? default, fields.String("purpose"), fields.Strings("scopes")),
            Lifetime = fields.Duration("lifetime", options.DefaultLifetime),
            Description = fields.String("description"),
            IssuedBy = issuedBy,
        };
        return Finish(fields, request, options.MaxLifetime);
    }

    /// <summary><c>{"reason", "lifetime" (ISO 8601, at most the break-glass maximum), "role"? (viewer), "clearance"? (proprietary)}</c></summary>
    public static (ApiKeyRequest? Request, IReadOnlyList<ValidationError> Errors) ReadBreakGlass(JsonObject body, ApiKeyOptions options, string issuedBy)
    {
        var fields = new BodyFields(body);
        fields.RefuseUnknown("reason", "lifetime", "role", "clearance");
        var reason = fields.String("reason", required: true)?.Trim();
        if (reason is not null && (reason.Length < MinReasonLength || reason.Length > MaxReasonLength || reason.Any(char.IsControl)))
        {
            fields.Errors.Add(new ValidationError("$.reason", $"Say why, in {MinReasonLength}-{MaxReasonLength} characters without control characters: it goes into the tenant's audit log."));
        }

        var role = fields.Role("role", TenantRole.Viewer);
        var clearance = fields.Clearance("clearance", DataClassification.Proprietary);
        var request = new ApiKeyRequest
        {
            Grant = new AccessGrant(role ?? default, clearance ?? default, Purpose: null, Scopes: []),
            Lifetime = fields.Duration("lifetime", fallback: null),
            Description = reason is null ? null : $"break-glass: {reason}",
            IssuedBy = issuedBy,
            BreakGlass = true,
        };
        return Finish(fields, request, options.BreakGlassMaxLifetime);
    }

    private static (ApiKeyRequest?, IReadOnlyList<ValidationError>) Finish(BodyFields fields, ApiKeyRequest request, TimeSpan maxLifetime)
    {
        // A member that failed to read is already reported; the rules would only repeat it.
        var readFailed = fields.Errors.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        var errors = fields.Errors
            .Concat(ApiKeyRules.Check(request, maxLifetime).Where(e => !readFailed.Contains(e.Path) && !readFailed.Any(p => e.Path.StartsWith(p + "[", StringComparison.Ordinal))))
            .ToList();
        return errors.Count == 0 ? (request, errors) : (null, errors);
    }
}
