namespace Mirrorspace.Storage.Encryption;

/// <summary>
/// The tables a rewrap pass walks, in order; the value is persisted with the cursor. A pass that
/// finished before a table was added resumes at it (its old Done is the new table's number).
/// </summary>
public enum RewrapPhase
{
    Tenant = 0,
    ApiKeys = 1,
    Models = 2,
    Twins = 3,
    Events = 4,
    Quarantine = 5,
    Signals = 6,
    DeviceKeys = 7,
    UserTotpSecrets = 8,
    Done = 9,
}
