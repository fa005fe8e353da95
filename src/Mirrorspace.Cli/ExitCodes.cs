namespace Mirrorspace.Cli;

/// <summary>Every exit code the CLI uses, in one place.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;
    public const int NotInitialized = 3;
    public const int AlreadyInitialized = 4;
    public const int InvalidConfiguration = 5;
    public const int AuditVerificationFailed = 6;
    public const int MasterKey = 7;
    public const int NodeRunning = 8;
    public const int Refused = 9;

    /// <summary>A run asked to meet its goals (<c>simulate --require-goals</c>) did not.</summary>
    public const int GoalsNotMet = 10;
}
