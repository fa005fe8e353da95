using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Sqlite.History;
using Mirrorspace.Storage.Sqlite.Integrity;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Storage.Sqlite;

/// <summary>Applies <see cref="TwinWrite"/> batches through statements prepared once on the write connection.</summary>
internal sealed class TwinWriteStatements : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly EventLogAppender _events;
    private readonly PreparedStatement _upsertTwin;
    private readonly PreparedStatement _putRelationship;
    private readonly PreparedStatement _removeRelationship;
    private readonly PreparedStatement _removeAllRelationships;
    private readonly PreparedStatement _holdReading;
    private readonly PreparedStatement _decideQuarantine;
    private readonly PreparedStatement _recordSignal;
    private readonly PreparedStatement _recordDeviceReading;
    private readonly PreparedStatement[] _all;

    public TwinWriteStatements(SqliteConnection connection, HistoryTail tail)
    {
        _connection = connection;
        _events = new EventLogAppender(connection, tail);
        _upsertTwin = new(
            connection,
            SqlScripts.UpsertTwin,
            "$tenant_id",
            "$twin_id",
            "$model_id",
            "$model_version",
            "$version",
            "$deleted",
            "$snapshot",
            "$updated_at");
        _putRelationship = new(connection, SqlScripts.PutRelationship, "$tenant_id", "$source_id", "$name", "$target_id", "$created_at");
        _removeRelationship = new(connection, SqlScripts.RemoveRelationship, "$tenant_id", "$source_id", "$name", "$target_id");
        _removeAllRelationships = new(connection, SqlScripts.RemoveAllRelationships, "$tenant_id", "$twin_id");
        _holdReading = new(
            connection,
            IntegritySqlScripts.HoldReading,
            "$quarantine_id",
            "$tenant_id",
            "$twin_id",
            "$device_id",
            "$received_at",
            "$document",
            "$state");
        _decideQuarantine = new(connection, IntegritySqlScripts.Decide, "$tenant_id", "$quarantine_id", "$state", "$decided_at", "$decided_by");
        _recordSignal = new(
            connection,
            IntegritySqlScripts.RecordSignal,
            "$tenant_id",
            "$twin_id",
            "$at",
            "$kind",
            "$property",
            "$device_id",
            "$verdict",
            "$detail");
        _recordDeviceReading = new(connection, IntegritySqlScripts.RecordDeviceReading, "$tenant_id", "$device_id", "$last_sequence", "$trust");
        _all = [_upsertTwin, _putRelationship, _removeRelationship, _removeAllRelationships, _holdReading, _decideQuarantine, _recordSignal, _recordDeviceReading];
    }

    /// <summary>
    /// All or nothing: leaving without Commit disposes the transaction, which rolls it back, and the
    /// appended events reach the in-memory tail only once the commit is durable.
    /// </summary>
    public void Commit(IReadOnlyList<TwinWrite> writes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0)
        {
            return;
        }

        _events.Begin();
        using var transaction = _connection.BeginTransaction();
        SetTransaction(transaction);
        try
        {
            for (var i = 0; i < writes.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Apply(writes[i]);
            }

            _events.Flush();
            transaction.Commit();
            _events.Committed();
        }
        finally
        {
            SetTransaction(null);
        }
    }

    public void Dispose()
    {
        _events.Dispose();
        foreach (var statement in _all)
        {
            statement.Dispose();
        }
    }

    private void Apply(TwinWrite write)
    {
        switch (write)
        {
            case AppendEvent append:
                _events.Add(append);
                break;
            case UpsertTwin { Twin: var twin }:
                _upsertTwin.Execute(
                    twin.TenantId,
                    twin.TwinId,
                    twin.ModelId,
                    twin.ModelVersion,
                    twin.Version,
                    twin.Deleted ? 1L : 0L,
                    twin.Snapshot,
                    Ticks.From(twin.UpdatedAt));
                break;
            case PutRelationship { Relationship: var r }:
                _putRelationship.Execute(r.TenantId, r.SourceId, r.Name, r.TargetId, Ticks.From(r.CreatedAt));
                break;
            case RemoveRelationship remove:
                _removeRelationship.Execute(remove.TenantId, remove.SourceId, remove.Name, remove.TargetId);
                break;
            case RemoveAllRelationships removeAll:
                _removeAllRelationships.Execute(removeAll.TenantId, removeAll.TwinId);
                break;
            case HoldReading { Held: var q }:
                _holdReading.Execute(q.QuarantineId, q.TenantId, q.TwinId, q.DeviceId, Ticks.From(q.ReceivedAt), q.Document, (long)q.State);
                break;
            case DecideQuarantine decide:
                _decideQuarantine.Execute(decide.TenantId, decide.QuarantineId, (long)decide.State, Ticks.From(decide.DecidedAt), decide.DecidedBy);
                break;
            case RecordSignal { Signal: var signal }:
                _recordSignal.Execute(
                    signal.TenantId,
                    signal.TwinId,
                    Ticks.From(signal.At),
                    signal.Kind,
                    signal.Property,
                    signal.DeviceId,
                    signal.Verdict,
                    signal.Detail);
                break;
            case RecordDeviceReading device:
                _recordDeviceReading.Execute(device.TenantId, device.DeviceId, device.Sequence is { } sequence ? (long)sequence : null, device.Trust);
                break;
            case null:
                throw new ArgumentException("A write list must not contain null.", nameof(write));
            default:
                throw new NotSupportedException($"Unknown write type {write.GetType().Name}.");
        }
    }

    private void SetTransaction(SqliteTransaction? transaction)
    {
        _events.Transaction = transaction;
        foreach (var statement in _all)
        {
            statement.Transaction = transaction;
        }
    }
}
