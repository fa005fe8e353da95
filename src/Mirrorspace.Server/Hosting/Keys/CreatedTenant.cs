using Mirrorspace.Storage.Records;

namespace Mirrorspace.Server.Hosting.Keys;

/// <summary>A tenant just created and its first admin key, whose text is shown this once.</summary>
public sealed record CreatedTenant(TenantRecord Tenant, IssuedApiKey Key);
