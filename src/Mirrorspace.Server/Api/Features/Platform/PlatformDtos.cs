using Mirrorspace.Server.Api.Features.ApiKeys;

namespace Mirrorspace.Server.Api.Features.Platform;

/// <summary>All the platform administrator sees of a tenant: its id and name, nothing of its data.</summary>
public sealed record TenantSummaryDto(string Id, string Name);

/// <summary>A new tenant and its first admin key, whose text is shown this once.</summary>
public sealed record TenantCreatedDto(TenantSummaryDto Tenant, ApiKeyDto Key, string ApiKey);
