using System.ComponentModel.DataAnnotations;

namespace Mirrorspace.Server.Hosting.Keys;

/// <summary>How long issued keys may live, bound from <c>Mirrorspace:ApiKeys</c>: every key expires (CON-3).</summary>
public sealed class ApiKeyOptions : IValidatableObject
{
    public const string Section = "Mirrorspace:ApiKeys";

    /// <summary>A key's lifetime when its issuer names none.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The longest lifetime an issuer may ask for.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>The longest a platform administrator's break-glass grant may live.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan BreakGlassMaxLifetime { get; set; } = TimeSpan.FromHours(4);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultLifetime > MaxLifetime)
        {
            yield return new ValidationResult(
                $"{Section}:DefaultLifetime ({DefaultLifetime}) is longer than {Section}:MaxLifetime ({MaxLifetime}).",
                [nameof(DefaultLifetime)]);
        }
    }
}
