namespace Mirrorspace.Server.Api.Features.Sessions;

/// <summary>
/// A new browser session. The session itself is in the cookie, out of reach of scripts; the
/// <see cref="AntiForgeryToken"/> is shown only here: keep it in the page and send it as
/// <c>X-CSRF-Token</c> with every POST, PUT, PATCH and DELETE.
/// </summary>
public sealed record SessionCreatedDto(
    string Tenant,
    string Username,
    string Principal,
    string Role,
    string Clearance,
    string? Purpose,
    string AntiForgeryToken,
    DateTimeOffset ExpiresAt,
    int IdleTimeoutSeconds);

/// <summary>Who the caller is, whatever credential proved it; <see cref="Session"/> only for a browser session.</summary>
public sealed record WhoAmIDto(
    string Tenant,
    string Principal,
    string Role,
    string Clearance,
    string? Purpose,
    string AuthenticatedBy,
    IReadOnlyList<string> Permissions,
    SessionDto? Session);

/// <summary>A session's times: it ends at <see cref="IdleExpiresAt"/> unless used before, and at <see cref="ExpiresAt"/> whatever happens.</summary>
public sealed record SessionDto(DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset IdleExpiresAt, DateTimeOffset ExpiresAt);
