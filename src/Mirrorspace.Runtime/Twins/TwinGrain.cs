using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Mirrorspace.Domain;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Runtime.Connections;
using Mirrorspace.Runtime.Models;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Runtime.Twins;

internal sealed partial class TwinGrain(
    ITwinSpaceStore store,
    GroupCommitWriter writer,
    ModelCatalog models,
    TimeProvider clock,
    DesiredStateFeed desiredFeed,
    Storage.Integrity.IIntegrityStore integrityStore,
    IOptions<TwinGrainOptions> options) : Grain, ITwinGrain
{
    private string _tenantId = string.Empty;
    private string _twinId = string.Empty;
    private TwinState _state = new();
    private long _snapshotVersion;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenantId, _twinId) = TwinGrainKey.Parse(this.GetPrimaryKeyString());
        var record = await store.GetTwinAsync(_tenantId, _twinId, cancellationToken);
        if (record is null)
        {
            return;
        }

        if (record.SnapshotErased)
        {
            // The snapshot was sealed for an erased data subject: rebuild from the history, whose erased values stay gone.
            _snapshotVersion = 0;
        }
        else
        {
            var snapshot = JsonSerializer.Deserialize(record.Snapshot, DomainJsonContext.Default.TwinSnapshotDocument)
                ?? throw new InvalidOperationException($"Empty snapshot for twin {_twinId}.");
            _state = TwinState.FromSnapshot(snapshot);
            _snapshotVersion = _state.Version;
        }

        var afterSnapshot = new EventRange { AfterVersion = _state.Version };
        await foreach (var change in store.ReadEventsAsync(_tenantId, _twinId, afterSnapshot, cancellationToken))
        {
            _state.Apply(change);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_state.Version > _snapshotVersion)
        {
            await writer.WriteAsync(SnapshotWrite(), cancellationToken);
        }
    }

    public Task<TwinResponse> GetAsync() =>
        Task.FromResult(_state.Exists ? Answer(TwinOutcome.Ok) : TwinResponse.Of(TwinOutcome.NotFound));

    public async Task<TwinResponse> CreateAsync(string modelId, int? modelVersion, string? subject, string source)
    {
        if (_state.Exists)
        {
            return _state.ModelId == modelId && (modelVersion is null || modelVersion == _state.ModelVersion) && subject == _state.Subject
                ? Answer(TwinOutcome.Ok)
                : TwinResponse.Of(TwinOutcome.Conflict, $"Twin '{_twinId}' already exists with model {_state.ModelId} v{_state.ModelVersion}.");
        }

        var model = await models.GetAsync(_tenantId, modelId, modelVersion, CancellationToken.None);
        if (model is null)
        {
            return Invalid("$.model", modelVersion is null ? $"Model '{modelId}' does not exist." : $"Model '{modelId}' v{modelVersion} does not exist.");
        }

        var payload = JsonSerializer.Serialize(new TwinCreation { ModelId = model.Id, ModelVersion = model.Version, Subject = subject }, DomainJsonContext.Default.TwinCreation);
        await CommitAsync(Stage(TwinEventKind.Created, payload, source), forceSnapshot: true);
        return Answer(TwinOutcome.Created);
    }

    public async Task<TwinResponse> PatchAsync(TwinSide side, string patchJson, long? expectedVersion, string source, bool returnTwin)
    {
        if (Precondition(expectedVersion) is { } failed)
        {
            return failed;
        }

        if (JsonNode.Parse(patchJson) is not JsonObject patch)
        {
            return Invalid("$", "A merge patch must be a JSON object.");
        }

        var model = await CurrentModelAsync();
        var errors = side is TwinSide.Reported
            ? StateUpdateValidator.ValidateReported(model, _state, patch, clock.GetUtcNow())
            : StateUpdateValidator.ValidateDesired(model, patch);
        if (errors.Count > 0)
        {
            return new TwinResponse { Outcome = TwinOutcome.Invalid, Errors = [.. errors.Select(e => new StateError(e.Path, e.Message))] };
        }

        var kind = side is TwinSide.Reported ? TwinEventKind.ReportedPatched : TwinEventKind.DesiredPatched;
        var writes = new List<TwinWrite>(3);
        if (_state.Subject is null)
        {
            Stage(writes, kind, patchJson, null, source, patch);
        }
        else
        {
            StageValues(writes, kind, patch, model, source);
        }

        await CommitAsync(writes, forceSnapshot: false);

        if (side is TwinSide.Desired)
        {
            await desiredFeed.PublishAsync(new DesiredStateChange(_tenantId, _twinId, _state.Version, _state.Desired.ToJsonString()));
        }

        return returnTwin ? Answer(TwinOutcome.Ok) : new TwinResponse { Outcome = TwinOutcome.Ok, Version = _state.Version };
    }

    public async Task<TwinResponse> DeleteAsync(long? expectedVersion, string source)
    {
        if (Precondition(expectedVersion) is { } failed)
        {
            return failed;
        }

        await CommitAsync(Stage(TwinEventKind.Deleted, "{}", source, new RemoveAllRelationships(_tenantId, _twinId)), forceSnapshot: true);
        return new TwinResponse { Outcome = TwinOutcome.Ok, Version = _state.Version };
    }

    public async Task<TwinResponse> AddRelationshipAsync(string name, string targetId, string targetModelId, string source)
    {
        if (!_state.Exists)
        {
            return TwinResponse.Of(TwinOutcome.NotFound);
        }

        var model = await models.GetAsync(_tenantId, _state.ModelId, _state.ModelVersion, CancellationToken.None);
        if (model is null || !model.Relationships.TryGetValue(name, out var definition))
        {
            return Invalid("$.name", $"Model {_state.ModelId} v{_state.ModelVersion} declares no relationship '{name}'.");
        }

        if (definition.TargetModel is { } required && required != targetModelId)
        {
            return Invalid("$.target", $"Relationship '{name}' must target a twin of model {required}, not {targetModelId}.");
        }

        if (await FindRelationshipAsync(name, targetId) is not null)
        {
            return Answer(TwinOutcome.Ok);
        }

        var relationship = new RelationshipRecord { TenantId = _tenantId, SourceId = _twinId, Name = name, TargetId = targetId, CreatedAt = clock.GetUtcNow() };
        await CommitAsync(Stage(TwinEventKind.RelationshipAdded, RelationshipPayload(name, targetId), source, new PutRelationship(relationship)), forceSnapshot: false);
        return Answer(TwinOutcome.Created);
    }

    public async Task<TwinResponse> RemoveRelationshipAsync(string name, string targetId, string source)
    {
        if (!_state.Exists || await FindRelationshipAsync(name, targetId) is null)
        {
            return TwinResponse.Of(TwinOutcome.NotFound);
        }

        await CommitAsync(Stage(TwinEventKind.RelationshipRemoved, RelationshipPayload(name, targetId), source, new RemoveRelationship(_tenantId, _twinId, name, targetId)), forceSnapshot: false);
        return Answer(TwinOutcome.Ok);
    }

    private async Task<RelationshipRecord?> FindRelationshipAsync(string name, string targetId)
    {
        var existing = await store.ListRelationshipsAsync(_tenantId, _twinId, CancellationToken.None);
        return existing.FirstOrDefault(r => r.Name == name && r.TargetId == targetId);
    }

    private TwinResponse? Precondition(long? expectedVersion)
    {
        if (!_state.Exists)
        {
            return TwinResponse.Of(TwinOutcome.NotFound);
        }

        return expectedVersion is { } expected && expected != _state.Version
            ? TwinResponse.Of(TwinOutcome.PreconditionFailed, $"The twin is at version {_state.Version}, not {expected}.")
            : null;
    }

    /// <summary>One event, applied in memory and staged for the commit, with the writes that go with it.</summary>
    private List<TwinWrite> Stage(TwinEventKind kind, string payload, string source, params TwinWrite[] extra)
    {
        var writes = new List<TwinWrite>(2 + extra.Length);
        Stage(writes, kind, payload, null, source);
        writes.AddRange(extra);
        return writes;
    }

    /// <summary>
    /// Applies an event to the in-memory state at once, so that what comes next in the same call is
    /// checked against it, and stages its append. Nothing is durable until <see cref="CommitAsync"/>.
    /// </summary>
    /// <param name="values">The payload parsed, when the caller holds it: the state applies it without parsing the payload again.</param>
    private void Stage(List<TwinWrite> writes, TwinEventKind kind, string payload, string? subjectId, string source, JsonObject? values = null)
    {
        // Never before the previous event: if the wall clock steps back, history order and time order still agree,
        // so "the twin at instant t" is always a prefix of its history.
        var now = clock.GetUtcNow();
        var timestamp = now < _state.UpdatedAt ? _state.UpdatedAt : now;
        var change = new TwinEvent { Version = _state.Version + 1, Timestamp = timestamp, Kind = kind, Payload = payload, Source = source };
        _state.Apply(change, values);
        writes.Add(new AppendEvent(_tenantId, _twinId, change, subjectId));
    }

    /// <summary>
    /// Waits for the group commit of what was staged. If the commit fails the in-memory state is
    /// ahead of the store, so the activation is dropped and the next call rebuilds the twin from
    /// what is durable.
    /// </summary>
    private async Task CommitAsync(List<TwinWrite> writes, bool forceSnapshot)
    {
        var snapshot = forceSnapshot || _state.Version - _snapshotVersion >= options.Value.SnapshotEvery;
        if (snapshot)
        {
            writes.Add(SnapshotWrite());
        }

        try
        {
            await writer.WriteAsync(writes, CancellationToken.None);
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        if (snapshot)
        {
            _snapshotVersion = _state.Version;
        }
    }

    private UpsertTwin SnapshotWrite() => new(
        new TwinRecord
    {
        TenantId = _tenantId,
        TwinId = _twinId,
        ModelId = _state.ModelId,
        ModelVersion = _state.ModelVersion,
        Version = _state.Version,
        Deleted = !_state.Exists,
        Snapshot = JsonSerializer.Serialize(_state.ToSnapshot(), DomainJsonContext.Default.TwinSnapshotDocument),
        UpdatedAt = _state.UpdatedAt,
    },
        _state.Subject);

    private TwinResponse Answer(TwinOutcome outcome) => new()
    {
        Outcome = outcome,
        Version = _state.Version,
        Snapshot = JsonSerializer.Serialize(_state.ToSnapshot(), DomainJsonContext.Default.TwinSnapshotDocument),
    };

    private static TwinResponse Invalid(string path, string message) =>
        new() { Outcome = TwinOutcome.Invalid, Errors = [new StateError(path, message)] };

    private static string RelationshipPayload(string name, string targetId) =>
        JsonSerializer.Serialize(new RelationshipChange { Name = name, TargetId = targetId }, DomainJsonContext.Default.RelationshipChange);
}
