using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Common;

namespace Mirrorspace.Server.Hosting.Keys;

/// <summary>
/// What makes a key request acceptable, in one place for the API, the platform API and the CLI. Every
/// problem is reported with its field (paths as in the API's request body), not only the first.
/// </summary>
public static class ApiKeyRules
{
    public const int MaxDescriptionLength = 200;

    /// <summary>
    /// The request's own faults. Whether the issuer may grant that much is a separate question
    /// (<see cref="AccessGrant.Exceeded"/>), answered 403 rather than 400.
    /// </summary>
    /// <param name="maxLifetime">The longest the key may live.</param>
    public static IReadOnlyList<ValidationError> Check(ApiKeyRequest request, TimeSpan maxLifetime)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        if (request.Lifetime is not { } lifetime || lifetime <= TimeSpan.Zero || lifetime > maxLifetime)
        {
            errors.Add(new ValidationError("$.lifetime", $"Must be positive and at most {Describe(maxLifetime)}."));
        }

        if (request.Grant.Purpose is { } purpose && !Purposes.IsValid(purpose))
        {
            errors.Add(new ValidationError("$.purpose", "Must be 1-64 lowercase letters, digits or '-', starting with a letter."));
        }

        errors.AddRange(ResourceSelectors.Validate(request.Grant.Scopes, "$.scopes"));
        if (request.Description is { } description && (description.Length > MaxDescriptionLength || description.Any(char.IsControl)))
        {
            errors.Add(new ValidationError("$.description", $"At most {MaxDescriptionLength} characters, without control characters."));
        }

        if (request.BreakGlass && !RolePermissions.IsReadOnly(request.Grant.Role))
        {
            errors.Add(new ValidationError("$.role", "A break-glass grant is read-only: viewer, analyst or auditor."));
        }

        return errors;
    }

    /// <summary>A lifetime as people write it: whole days, or hours.</summary>
    public static string Describe(TimeSpan lifetime) =>
        lifetime.TotalDays >= 1 && lifetime.Ticks % TimeSpan.TicksPerDay == 0 ? $"{lifetime.TotalDays:0} days" : $"{lifetime.TotalHours:0.##} hours";
}
