namespace Mirrorspace.Security.Passwords;

/// <summary>
/// Lockout with backoff: four failed sign-ins in a row cost nothing; the fifth locks the account for
/// a minute, and each further failure doubles the lock, up to an hour. A successful sign-in resets
/// the count. The lock slows a guesser to a few dozen guesses a day per account.
/// </summary>
public static class LoginBackoff
{
    public const int FailuresBeforeLock = 5;

    public static readonly TimeSpan FirstLock = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan LongestLock = TimeSpan.FromHours(1);

    /// <summary>How long the account is locked after this many consecutive failures; null while it is not.</summary>
    public static TimeSpan? LockFor(int consecutiveFailures)
    {
        if (consecutiveFailures < FailuresBeforeLock)
        {
            return null;
        }

        // 1, 2, 4, ... 32, 64 minutes: the shift is capped long before it could overflow.
        var doublings = Math.Min(consecutiveFailures - FailuresBeforeLock, 6);
        var lockFor = FirstLock * (1 << doublings);
        return lockFor > LongestLock ? LongestLock : lockFor;
    }
}
