namespace Mirrorspace.Storage.Access;

/// <summary>A tenant's access policy document as stored, with the version that guards concurrent changes.</summary>
public sealed record StoredAccessPolicy(string TenantId, long Version, string Document, DateTimeOffset UpdatedAt);
