using Mirrorspace.Security.Crypto;

namespace Mirrorspace.Storage.Encryption;

/// <summary>The result of setting a minimum decryption version.</summary>
/// <param name="Outcome">Whether it was applied, and why not.</param>
/// <param name="Policy">The tenant's policy after the call; null for an unknown tenant.</param>
/// <param name="InUseBelow">Values and subject keys below the requested version when it was raised (unreadable now if forced).</param>
public sealed record MinimumVersionChange(MinimumVersionOutcome Outcome, KeyPolicy? Policy, long InUseBelow);
