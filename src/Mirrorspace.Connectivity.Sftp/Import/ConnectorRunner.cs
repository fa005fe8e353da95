using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mirrorspace.Connectivity.Sftp.Connections;
using Mirrorspace.Connectivity.Sftp.Scheduling;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Runtime.Ingestion;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Connectors;
using Renci.SshNet.Common;

namespace Mirrorspace.Connectivity.Sftp.Import;

/// <summary>
/// Runs a connector now, on behalf of the API, the CLI or the scheduler: never two runs of one
/// connector at once. Every run ends in a result (and an audit entry), also when the connection is
/// refused; only a failure of the node itself (the twins or the store) throws, leaving the ledger
/// where the next run resumes.
/// </summary>
public sealed class ConnectorRunner
{
    private readonly IConnectorStore _store;
    private readonly ITwinSpaceStore _twins;
    private readonly IReadingSink _sink;
    private readonly AuditLog _audit;
    private readonly SftpImportOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ConnectorRuns _runs = new();

    public ConnectorRunner(
        IConnectorStore store, ITwinSpaceStore twins, ReadingIngestion ingestion, AuditLog audit,
        IOptions<SftpImportOptions> options, TimeProvider clock, ILogger<ConnectorRunner> logger)
        : this(store, twins, new ReadingIngestionSink(ingestion), audit, options, clock, logger)
    {
    }

    internal ConnectorRunner(
        IConnectorStore store, ITwinSpaceStore twins, IReadingSink sink, AuditLog audit,
        IOptions<SftpImportOptions> options, TimeProvider clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_store, _twins, _sink, _audit, _options, _clock, _logger) = (store, twins, sink, audit, options.Value, clock, logger);
    }

    /// <param name="principal">Who asked: <c>apikey:{id}</c>, <c>scheduler</c>; recorded in the audit log.</param>
    public async Task<ConnectorRunOutcome> RunAsync(string tenantId, string connectorId, string principal, CancellationToken cancellationToken)
    {
        var connector = await _store.GetAsync(tenantId, connectorId, cancellationToken).ConfigureAwait(false);
        if (connector is null)
        {
            return ConnectorRunOutcome.NotFound;
        }

        using var lease = _runs.TryBegin(tenantId, connectorId);
        if (lease is null)
        {
            return ConnectorRunOutcome.AlreadyRunning;
        }

        var startedAt = _clock.GetUtcNow();
        var tally = new RunTally(_options.MaxRefusalsListed);
        ConnectorRunResult result;
        try
        {
            var (status, error) = await ConnectAndRunAsync(connector, principal, tally, cancellationToken).ConfigureAwait(false);
            result = Result(connector, status, error, startedAt, tally);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SftpLog.RunFailed(_logger, ex, tenantId, connectorId);
            var failed = Result(connector, ConnectorRunStatus.ConnectionFailed, "The run failed inside the node; it resumes where it stopped on the next run.", startedAt, tally);
            await _audit.RecordAsync(RunAudit.Run(connector, principal, failed) with { Reason = "node error: " + ex.GetType().Name }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await _audit.RecordAsync(RunAudit.Run(connector, principal, result), cancellationToken).ConfigureAwait(false);
        SftpLog.RunFinished(_logger, tenantId, connectorId, result.Status, result.FilesSeen, result.RowsAccepted, result.RowsRefused);
        return ConnectorRunOutcome.Ran(result);
    }

    /// <summary>Whether a run of the connector is in progress on this node.</summary>
    public bool IsRunning(string tenantId, string connectorId) => _runs.IsRunning(tenantId, connectorId);

    private async Task<(ConnectorRunStatus Status, string? Error)> ConnectAndRunAsync(
        ConnectorRecord connector, string principal, RunTally tally, CancellationToken cancellationToken)
    {
        ConnectorCredentials? credentials;
        try
        {
            credentials = await _store.GetCredentialsAsync(connector.TenantId, connector.ConnectorId, cancellationToken).ConfigureAwait(false);
        }
        catch (CryptographicException ex)
        {
            return (ConnectorRunStatus.CredentialsUnreadable, $"The stored credentials cannot be opened: {ex.Message}");
        }

        if (credentials is null)
        {
            return (ConnectorRunStatus.CredentialsUnreadable, "The connector was deleted during the run.");
        }

        var (connection, failure) = await SftpConnection.ConnectAsync(connector, credentials, _options, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            if (failure.Kind is ConnectFailureKind.HostKeyRefused)
            {
                SftpLog.HostKeyRefused(_logger, connector.TenantId, connector.ConnectorId, connector.Host, connector.Port, failure.Message);
                await _audit.RecordAsync(RunAudit.HostKeyRefused(connector, principal, failure.Message), cancellationToken).ConfigureAwait(false);
            }

            return (StatusOf(failure.Kind), failure.Message);
        }

        using (connection)
        {
            var import = new FileImport(_store, _twins, _sink, _options, _clock);
            try
            {
                await new ConnectorRun(connector, connection!, _store, import, _options, _clock).RunAsync(tally, cancellationToken).ConfigureAwait(false);
                return (ConnectorRunStatus.Completed, null);
            }
            catch (Exception ex) when (ex is SshConnectionException or SshOperationTimeoutException or SocketException)
            {
                return (ConnectorRunStatus.ConnectionFailed, $"The session broke off: {ex.Message}");
            }
            catch (SshException ex)
            {
                return (ConnectorRunStatus.RemoteError, $"The server refused an operation: {ex.Message}");
            }
        }
    }

    private static ConnectorRunStatus StatusOf(ConnectFailureKind kind) => kind switch
    {
        ConnectFailureKind.HostKeyRefused => ConnectorRunStatus.HostKeyRefused,
        ConnectFailureKind.AuthenticationFailed => ConnectorRunStatus.AuthenticationFailed,
        _ => ConnectorRunStatus.ConnectionFailed,
    };

    private ConnectorRunResult Result(ConnectorRecord connector, ConnectorRunStatus status, string? error, DateTimeOffset startedAt, RunTally tally) => new()
    {
        ConnectorId = connector.ConnectorId,
        Status = status,
        Error = error,
        StartedAt = startedAt,
        FinishedAt = _clock.GetUtcNow(),
        FilesSeen = tally.FilesSeen,
        FilesIngested = tally.Count(FileOutcome.Ingested),
        FilesSkipped = tally.Count(FileOutcome.AlreadyProcessed),
        FilesFailed = tally.Count(FileOutcome.Failed),
        RowsAccepted = tally.RowsAccepted,
        RowsRefused = tally.RowsRefused,
        RowsAlreadyIngested = tally.RowsAlreadyIngested,
        Files = [.. tally.Files],
        Refusals = [.. tally.Refusals],
        RefusalsTruncated = tally.RefusalsTruncated,
    };
}
