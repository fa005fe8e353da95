using Mirrorspace.Domain.Common;

namespace Mirrorspace.Runtime.Twins;

/// <summary>A twin grain is keyed by tenant and twin id; neither may contain '/', so the key splits unambiguously.</summary>
public static class TwinGrainKey
{
    public static string Format(string tenantId, string twinId)
    {
        if (!Identifiers.IsValidTenantId(tenantId) || !Identifiers.IsValidTwinId(twinId))
        {
            throw new ArgumentException("Invalid tenant or twin id for a grain key.");
        }

        return $"{tenantId}/{twinId}";
    }

    public static (string TenantId, string TwinId) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var separator = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..separator], key[(separator + 1)..]);
    }
}
