using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Twins;

/// <summary>
/// A reported value older than its property's stale-after is stale, whatever its quality was: the
/// twin no longer knows the entity's state. Judged when the current twin is read, never stored, so
/// history (and a time-travel read of it) stays what it was.
/// </summary>
public static class Staleness
{
    public static IReadOnlyDictionary<string, PropertyMetadata> AsOf(TwinModel model, IReadOnlyDictionary<string, PropertyMetadata> reported, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(reported);
        Dictionary<string, PropertyMetadata>? marked = null;
        foreach (var (name, metadata) in reported)
        {
            if (model.Properties.TryGetValue(name, out var property) && instant - metadata.LastUpdated > property.Sync.StaleAfter)
            {
                marked ??= new Dictionary<string, PropertyMetadata>(reported, StringComparer.Ordinal);
                marked[name] = metadata with { Quality = PropertyQuality.Stale };
            }
        }

        return marked ?? reported;
    }
}
