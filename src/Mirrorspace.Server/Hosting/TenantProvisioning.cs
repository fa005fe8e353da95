using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Common;
using Mirrorspace.Domain.Models;
using Mirrorspace.Security.ApiKeys;
using Mirrorspace.Server.Hosting.Keys;
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

    public const int MaxNameLength = 100;

    /// <summary>A tenant's display name: short, printable, not blank.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxNameLength && !name.Any(char.IsControl);

    /// <summary>
    /// Creates the tenant with its first admin key; null when the id is taken. That key holds every right in
    /// the tenant, the highest clearance included, so that its holder can hand out any key the tenant needs
    /// (a key never grants more than its issuer holds); reading personal or health values still takes a purpose.
    /// </summary>
    /// <param name="lifetime">How long the first key lives; null only for the data directory's own first tenant (<c>init</c>).</param>
    public async Task<CreatedTenant?> CreateTenantWithAdminAsync(
        string tenantId, string name, TimeSpan? lifetime, string issuedBy, CancellationToken cancellationToken)
    {
        var tenant = await CreateTenantAsync(tenantId, name, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return null;
        }

        var key = await IssueApiKeyAsync(
            tenantId,
            new ApiKeyRequest
            {
                Grant = new AccessGrant(TenantRole.Admin, DataClassification.Health, Purpose: null, Scopes: []),
                Lifetime = lifetime,
                Description = "first admin key",
                IssuedBy = issuedBy,
            },
            cancellationToken).ConfigureAwait(false);
        return new CreatedTenant(tenant, key);
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
        var request = new ApiKeyRequest { Grant = new AccessGrant(role, clearance, purpose, scopes ?? []), Lifetime = lifetime, Description = description };
        return (await IssueApiKeyAsync(tenantId, request, cancellationToken).ConfigureAwait(false)).Text;
    }

    /// <summary>
    /// Issues a key as requested; the caller has checked the request (<see cref="ApiKeyRules"/>) and the
    /// issuer's right to grant it. The returned text exists nowhere else: only its hash is stored.
    /// </summary>
    public async Task<IssuedApiKey> IssueApiKeyAsync(string tenantId, ApiKeyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await store.GetTenantAsync(tenantId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ArgumentException($"Tenant '{tenantId}' does not exist.", nameof(tenantId));
        }

        var secret = ApiKeyCodec.Generate();
        var now = clock.GetUtcNow();
        var record = new ApiKeyRecord
        {
            KeyId = secret.KeyId,
            TenantId = tenantId,
            Role = RolePermissions.Name(request.Grant.Role),
            SecretHash = secret.SecretHash,
            CreatedAt = now,
            ExpiresAt = now + request.Lifetime,
            Description = request.Description,
            Clearance = DataClassifications.Name(request.Grant.Clearance),
            Purpose = request.Grant.Purpose,
            Scopes = request.Grant.Scopes,
            IssuedBy = request.IssuedBy,
            BreakGlass = request.BreakGlass,
        };
        await store.CreateApiKeyAsync(record, cancellationToken).ConfigureAwait(false);
        return new IssuedApiKey(record, secret.Text);
    }

    /// <summary>
    /// Issues the platform administrator's key, revoking any earlier one, and returns its text (shown once).
    /// The key belongs to no tenant: it manages tenants and reads no tenant's data.
    /// </summary>
    public async Task<string> IssuePlatformKeyAsync(CancellationToken cancellationToken)
    {
        var secret = ApiKeyCodec.Generate(ApiKeyCodec.PlatformPrefix);
        await store.ReplacePlatformKeyAsync(
            new PlatformKeyRecord { KeyId = secret.KeyId, SecretHash = secret.SecretHash, CreatedAt = clock.GetUtcNow() },
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
