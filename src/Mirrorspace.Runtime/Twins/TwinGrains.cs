namespace Mirrorspace.Runtime.Twins;

/// <summary>The way to a twin's grain, for every caller.</summary>
public static class TwinGrains
{
    // GetGrain<T>(string) resolves the grain interface from T's attributes and formats its name on every
    // call (about 5% of the node's CPU on the MQTT path); the interface and grain types never change
    // within a process, so they are resolved once and every later reference is built from them. A class,
    // not a struct, so that a reader racing the first writer sees both types or none.
    private static ResolvedTypes? s_types;

    public static ITwinGrain Twin(this IGrainFactory grains, string tenantId, string twinId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var key = TwinGrainKey.Format(tenantId, twinId);
        if (s_types is not { } types)
        {
            var reference = (GrainReference)(object)grains.GetGrain<ITwinGrain>(key);
            s_types = new ResolvedTypes(reference.GrainId.Type, reference.InterfaceType);
            return (ITwinGrain)reference;
        }

        return (ITwinGrain)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
    }

    private sealed record ResolvedTypes(GrainType Grain, GrainInterfaceType Interface);
}
