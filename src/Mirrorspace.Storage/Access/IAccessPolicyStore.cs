namespace Mirrorspace.Storage.Access;

/// <summary>Each tenant's one access policy document.</summary>
public interface IAccessPolicyStore
{
    /// <summary>The tenant's policy; null when its admins never set one.</summary>
    Task<StoredAccessPolicy?> GetAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the policy when its stored version is <paramref name="expectedVersion"/> (0: none stored yet);
    /// returns the new version, or null when another change came first.
    /// </summary>
    Task<long?> SaveAsync(string tenantId, string document, long expectedVersion, DateTimeOffset updatedAt, CancellationToken cancellationToken);
}
