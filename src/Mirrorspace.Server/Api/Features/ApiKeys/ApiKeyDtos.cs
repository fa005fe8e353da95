using Mirrorspace.Storage.Records;

namespace Mirrorspace.Server.Api.Features.ApiKeys;

/// <summary>A key as admins and auditors see it: what it grants and its life, never its secret or hash.</summary>
public sealed record ApiKeyDto(
    string KeyId,
    string Role,
    string Clearance,
    string? Purpose,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? Description,
    string? IssuedBy,
    bool BreakGlass)
{
    public static ApiKeyDto From(ApiKeyRecord key) => new(
        key.KeyId, key.Role, key.Clearance, key.Purpose, key.Scopes, key.CreatedAt, key.ExpiresAt, key.RevokedAt, key.Description, key.IssuedBy, key.BreakGlass);
}

/// <summary>A key just issued: <see cref="ApiKey"/> is its text, shown this once (only its hash is kept).</summary>
public sealed record ApiKeyCreatedDto(ApiKeyDto Key, string ApiKey);
