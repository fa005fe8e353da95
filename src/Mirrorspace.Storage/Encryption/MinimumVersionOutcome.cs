namespace Mirrorspace.Storage.Encryption;

public enum MinimumVersionOutcome
{
    Applied,

    /// <summary>Values or subject keys still use a lower version: rewrap first, or force it (they become unreadable).</summary>
    RefusedInUse,

    /// <summary>The version is below 1 or above the current version.</summary>
    InvalidVersion,

    /// <summary>The tenant has no keys.</summary>
    UnknownTenant,
}
