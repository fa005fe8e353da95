namespace Mirrorspace.Storage.Encryption;

/// <summary>The tables a rewrap pass walks, in order; the value is persisted with the cursor.</summary>
public enum RewrapPhase
{
    Tenant = 0,
    ApiKeys = 1,
    Models = 2,
    Twins = 3,
    Events = 4,
    Done = 5,
}
