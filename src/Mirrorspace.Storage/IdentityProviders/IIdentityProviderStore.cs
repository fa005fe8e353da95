using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.IdentityProviders;

/// <summary>
/// The OpenID Connect issuers each tenant trusts. Every call that names a tenant only sees that tenant's
/// rows; <see cref="FindByIssuerAsync"/> alone looks across tenants, because a bearer token names its
/// issuer before anything says which tenant it is for.
/// </summary>
public interface IIdentityProviderStore
{
    /// <summary>Creates or migrates the schema. Safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Creates the provider or replaces every setting of an existing one; refused when its issuer and audience pair is another provider's.</summary>
    Task<IdentityProviderSaveOutcome> PutAsync(IdentityProviderRecord provider, CancellationToken cancellationToken);

    Task<IdentityProviderRecord?> GetAsync(string tenantId, string providerId, CancellationToken cancellationToken);

    /// <summary>Ordered by provider id.</summary>
    Task<Page<IdentityProviderRecord>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>False when it did not exist.</summary>
    Task<bool> DeleteAsync(string tenantId, string providerId, CancellationToken cancellationToken);

    /// <summary>The providers, of any tenant, with this exact issuer: for routing a token, never reachable through a tenant's API.</summary>
    Task<IReadOnlyList<IdentityProviderRecord>> FindByIssuerAsync(string issuer, CancellationToken cancellationToken);
}
