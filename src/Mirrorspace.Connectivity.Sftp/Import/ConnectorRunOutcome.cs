namespace Mirrorspace.Connectivity.Sftp.Import;

/// <summary>What asking for a run gives: the result, or why no run happened.</summary>
public sealed record ConnectorRunOutcome
{
    public static readonly ConnectorRunOutcome NotFound = new() { Kind = ConnectorRunOutcomeKind.NotFound };

    public static readonly ConnectorRunOutcome AlreadyRunning = new() { Kind = ConnectorRunOutcomeKind.AlreadyRunning };

    public required ConnectorRunOutcomeKind Kind { get; init; }

    public ConnectorRunResult? Result { get; init; }

    public static ConnectorRunOutcome Ran(ConnectorRunResult result) => new() { Kind = ConnectorRunOutcomeKind.Ran, Result = result };
}
