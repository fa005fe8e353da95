namespace Mirrorspace.Storage.Users;

/// <summary>
/// A signed-in browser session as stored: the SHA-256 of its token and of its anti-forgery token,
/// never either token. A stolen database file opens no session.
/// </summary>
public sealed record SessionRecord
{
    /// <summary>SHA-256 of the session cookie's token; the key.</summary>
    public required byte[] TokenHash { get; init; }

    public required string TenantId { get; init; }

    public required string Username { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The last request (to the minute): the idle timeout runs from here.</summary>
    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary>The absolute end, however active the session is.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>SHA-256 of the anti-forgery token every state-changing request of the session carries.</summary>
    public required byte[] AntiForgeryHash { get; init; }
}
