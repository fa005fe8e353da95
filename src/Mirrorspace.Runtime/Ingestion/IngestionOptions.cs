using System.ComponentModel.DataAnnotations;

namespace Mirrorspace.Runtime.Ingestion;

public sealed class IngestionOptions
{
    public const string Section = "Mirrorspace:Ingestion";

    /// <summary>How far a signed reading's timestamp may be from the node's clock, either way.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AllowedClockSkew { get; set; } = TimeSpan.FromMinutes(2);
}
