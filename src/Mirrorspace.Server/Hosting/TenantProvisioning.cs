using Mirrorspace.Domain.Common;
using Mirrorspace.Security.ApiKeys;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Server.Hosting;

/// <summary>Creates tenants and issues API keys: the only way credentials come into being (there is no default one).</summary>
public sealed class TenantProvisioning(ITwinSpaceStore store, TimeProvider clock)
{
    /// <summary>Creates the tenant; returns null when the id is taken.</summary>
    public async Task<TenantRecord?> CreateTenantAsync(string tenantId, string name, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValidTenantId(tenantId))
        {
            throw new ArgumentException($"'{tenantId}' is not a valid tenant id: use 2-63 lowercase letters, digits or '-'.", nameof(tenantId));
        }

        var tenant = new TenantRecord { Id = tenantId, Name = name, CreatedAt = clock.GetUtcNow() };
        return await store.CreateTenantAsync(tenant, cancellationToken).ConfigureAwait(false) ? tenant : null;
    }

    /// <summary>Issues a key and returns its text, which exists nowhere else: only its hash is stored.</summary>
    public async Task<string> IssueApiKeyAsync(string tenantId, TenantRole role, TimeSpan? lifetime, string description, CancellationToken cancellationToken)
    {
        if (await store.GetTenantAsync(tenantId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ArgumentException($"Tenant '{tenantId}' does not exist.", nameof(tenantId));
        }

        var secret = ApiKeyCodec.Generate();
        var now = clock.GetUtcNow();
        await store.CreateApiKeyAsync(
            new ApiKeyRecord
            {
                KeyId = secret.KeyId,
                TenantId = tenantId,
                Role = role.ToString().ToLowerInvariant(),
                SecretHash = secret.SecretHash,
                CreatedAt = now,
                ExpiresAt = now + lifetime,
                Description = description,
            },
            cancellationToken).ConfigureAwait(false);
        return secret.Text;
    }

    /// <summary>Derives a tenant id from a display name, e.g. "City Water" → "city-water".</summary>
    public static string TenantIdFromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var chars = name.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var id = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return id.Length > 63 ? id[..63].TrimEnd('-') : id;
    }
}
