using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Common;
using Mirrorspace.Domain.Models;
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
    /// <param name="clearance">The most sensitive data class the key reads; proprietary unless said.</param>
    /// <param name="purpose">A purpose of use the key declares on every request; null when each request declares its own.</param>
    /// <param name="scopes">Resource selectors the key is confined to; none for the whole tenant.</param>
    public async Task<string> IssueApiKeyAsync(
        string tenantId,
        TenantRole role,
        TimeSpan? lifetime,
        string description,
        CancellationToken cancellationToken,
        DataClassification clearance = DataClassification.Proprietary,
        string? purpose = null,
        IReadOnlyList<string>? scopes = null)
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
                Role = RolePermissions.Name(role),
                SecretHash = secret.SecretHash,
                CreatedAt = now,
                ExpiresAt = now + lifetime,
                Description = description,
                Clearance = DataClassifications.Name(clearance),
                Purpose = purpose,
                Scopes = scopes ?? [],
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
