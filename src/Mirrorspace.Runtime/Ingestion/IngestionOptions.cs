using System.ComponentModel.DataAnnotations;

namespace Mirrorspace.Runtime.Ingestion;

public sealed class IngestionOptions
{
    public const string Section = "Mirrorspace:Ingestion";

    /// <summary>How far a signed reading's timestamp may be from the node's clock, either way.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AllowedClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often twins are checked for going stale; a stale signal comes at most this late.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan StaleCheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
