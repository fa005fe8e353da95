using System.ComponentModel.DataAnnotations;

namespace Mirrorspace.Server.Auth.Oidc;

/// <summary>How the node fetches and keeps the identity providers' signing keys (JWKS); bound from <see cref="Section"/>.</summary>
public sealed class OidcOptions
{
    public const string Section = "Mirrorspace:Oidc";

    /// <summary>The longest the node uses a key set before fetching it again; a shorter <c>Cache-Control: max-age</c> from the issuer wins.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan JwksMaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>At most one fetch per provider this often, whatever tokens arrive: an unknown <c>kid</c> cannot make the node hammer the issuer.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan JwksRefetchInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long past their age the last good keys still verify tokens while every refresh fails; after that tokens are refused.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan JwksStaleGrace { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:00:01", "00:00:30")]
    public TimeSpan JwksFetchTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A key set larger than this is refused unread (a few keys take a few KiB).</summary>
    [Range(1_024, 1024 * 1024)]
    public int JwksMaxBytes { get; set; } = 64 * 1024;
}
