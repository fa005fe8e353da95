using System.Collections.ObjectModel;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Mirrorspace.Domain.Integrity;
using Mirrorspace.Domain.Models;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Integrity;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Runtime.Twins;

/// <summary>The twin's stages of the ingestion pipeline, and the decisions on what they held.</summary>
internal sealed partial class TwinGrain
{
    private readonly TwinIntegrity _integrity = new();

    public async Task<ReadingResult> IngestAsync(DeviceReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return (await IngestBatchAsync([reading]))[0];
    }

    public async Task<IReadOnlyList<ReadingResult>> IngestBatchAsync(IReadOnlyList<DeviceReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(readings.Count, ITwinGrain.MaxReadingsPerBatch);
        if (!_state.Exists)
        {
            return readings.Count == 0 ? [] : [new ReadingResult { Outcome = TwinOutcome.NotFound }];
        }

        var model = await CurrentModelAsync();
        var writes = new List<TwinWrite>(readings.Count + 1);
        var results = new List<ReadingResult>(readings.Count);
        try
        {
            foreach (var reading in readings)
            {
                results.Add(Take(reading, model, writes));
                if (results[^1].Outcome is not TwinOutcome.Ok)
                {
                    break;
                }
            }
        }
        catch
        {
            // Taken readings are applied in memory at once and were never committed: drop the
            // activation, as after a failed commit, so the next call rebuilds the twin from what is durable.
            DeactivateOnIdle();
            throw;
        }

        if (writes.Count > 0)
        {
            await CommitAsync(writes, forceSnapshot: false);
        }

        return results;
    }

    /// <summary>
    /// Runs one reading through the twin's checks against the state as it is now, applies what is
    /// kept to that state and stages its writes; the caller commits them.
    /// </summary>
    private ReadingResult Take(DeviceReading reading, TwinModel model, List<TwinWrite> writes)
    {
        JsonObject? patch;
        try
        {
            patch = JsonNode.Parse(reading.PatchJson) as JsonObject;
        }
        catch (System.Text.Json.JsonException ex)
        {
            return Rejected([new StateError("$", $"Not JSON: {ex.Message}")]);
        }

        if (patch is null)
        {
            return Rejected([new StateError("$", "A reading must be a JSON object.")]);
        }

        var now = clock.GetUtcNow();
        var check = StateUpdateValidator.CheckReported(model, _state, patch, now);
        if (check.Errors.Count > 0)
        {
            return Rejected([.. check.Errors.Select(e => new StateError(e.Path, e.Message))]);
        }

        var assessment = _integrity.Assess(model, _state, patch, check);
        StageValues(writes, TwinEventKind.ReportedPatched, assessment.Accepted, model, reading.Source);
        StageValues(writes, TwinEventKind.ReportedSuspect, assessment.Suspect, model, reading.Source);

        string? quarantineId = null;
        if (assessment.Held.Count > 0)
        {
            quarantineId = NewQuarantineId();
            writes.Add(new HoldReading(
                new QuarantineRecord
                {
                    QuarantineId = quarantineId,
                    TenantId = _tenantId,
                    TwinId = _twinId,
                    DeviceId = reading.DeviceId,
                    ReceivedAt = now,
                    Document = HeldDocument.Write(reading.Source, assessment),
                },
                _state.Subject));
        }

        foreach (var finding in assessment.Findings)
        {
            writes.Add(new RecordSignal(new SignalRecord
            {
                TenantId = _tenantId,
                TwinId = _twinId,
                At = now,
                Kind = finding.Kind.Name(),
                Property = finding.Property,
                DeviceId = reading.DeviceId,
                Verdict = finding.Verdict.Name(),
                Detail = finding.Detail,
            }));
        }

        if (reading.DeviceId is { } deviceId && (reading.Sequence is not null || reading.Trust is not null))
        {
            writes.Add(new RecordDeviceReading(_tenantId, deviceId, reading.Sequence, reading.Trust));
        }

        return new ReadingResult
        {
            Outcome = TwinOutcome.Ok,
            Verdict = assessment.Verdict.Name(),
            // Most readings are clean: no verdict per property, no finding, nothing to allocate for them.
            Properties = assessment.Properties.Count == 0
                ? ReadOnlyDictionary<string, string>.Empty
                : assessment.Properties.ToDictionary(p => p.Key, p => p.Value.Name(), StringComparer.Ordinal),
            Findings = assessment.Findings.Count == 0 ? [] : [.. assessment.Findings.Select(f => new ReadingFinding(f.Kind.Name(), f.Property, f.Verdict.Name(), f.Detail))],
            QuarantineId = quarantineId,
            Version = _state.Version,
            StaleAfter = model.Sync.StaleAfter,
            MaxMessagesPerSecond = model.Sync.MaxMessagesPerSecond,
        };
    }

    public async Task<TwinResponse> ReleaseHeldAsync(string quarantineId, string decidedBy)
    {
        var (held, refused) = await FindHeldAsync(quarantineId);
        if (refused is not null)
        {
            return refused;
        }

        if (held!.Erased)
        {
            return TwinResponse.Of(TwinOutcome.Conflict, $"The values of {quarantineId} belonged to an erased data subject; it can only be discarded.");
        }

        // The reading belonged to the twin as it was when held: applied now, it would bring a deleted twin's
        // state back without a create, or land in another twin made under the same id since.
        if (!_state.Exists || _state.CreatedAt > held.ReceivedAt)
        {
            return TwinResponse.Of(TwinOutcome.Conflict, $"Twin '{_twinId}' was deleted after {quarantineId} was held; it can only be discarded.");
        }

        var values = HeldDocument.Values(held.Document);
        var model = await CurrentModelAsync();

        // A person vouches for the values, so bounds and rate of change no longer apply; types still do.
        var check = StateUpdateValidator.CheckReported(model, _state, values, clock.GetUtcNow());
        if (check.Errors.Count > 0)
        {
            return new TwinResponse { Outcome = TwinOutcome.Invalid, Errors = [.. check.Errors.Select(e => new StateError(e.Path, e.Message))] };
        }

        var writes = new List<TwinWrite>(4);
        StageValues(writes, TwinEventKind.ReportedPatched, values, model, $"quarantine:{quarantineId}:{decidedBy}");
        writes.Add(new DecideQuarantine(_tenantId, quarantineId, QuarantineState.Released, decidedBy, clock.GetUtcNow()));
        await CommitAsync(writes, forceSnapshot: false);
        return Answer(TwinOutcome.Ok);
    }

    public async Task<TwinResponse> DiscardHeldAsync(string quarantineId, string decidedBy)
    {
        var (_, refused) = await FindHeldAsync(quarantineId);
        if (refused is not null)
        {
            return refused;
        }

        await writer.WriteAsync(new DecideQuarantine(_tenantId, quarantineId, QuarantineState.Discarded, decidedBy, clock.GetUtcNow()), CancellationToken.None);
        return new TwinResponse { Outcome = TwinOutcome.Ok, Version = _state.Version };
    }

    /// <summary>Decisions go through the twin's grain, one at a time, so a reading is never both released and discarded.</summary>
    private async Task<(QuarantineRecord? Held, TwinResponse? Refused)> FindHeldAsync(string quarantineId)
    {
        var held = await integrityStore.GetQuarantineAsync(_tenantId, quarantineId, CancellationToken.None);
        if (held is null || held.TwinId != _twinId)
        {
            return (null, TwinResponse.Of(TwinOutcome.NotFound));
        }

        return held.State is QuarantineState.Held
            ? (held, null)
            : (null, TwinResponse.Of(TwinOutcome.Conflict, $"{quarantineId} was already {(held.State is QuarantineState.Released ? "released" : "discarded")}."));
    }

    private async Task<TwinModel> CurrentModelAsync() =>
        await models.GetAsync(_tenantId, _state.ModelId, _state.ModelVersion, CancellationToken.None)
            ?? throw new InvalidOperationException($"Model {_state.ModelId} v{_state.ModelVersion} of twin {_twinId} is missing.");

    /// <summary>Stages one event for the values, or two when the twin has a data subject: theirs are sealed with the subject's key.</summary>
    private void StageValues(List<TwinWrite> writes, TwinEventKind kind, JsonObject values, TwinModel model, string source)
    {
        if (values.Count == 0)
        {
            return;
        }

        if (_state.Subject is not { } subject)
        {
            Stage(writes, kind, values.ToJsonString(), null, source, values);
            return;
        }

        var (general, personal) = SensitivitySplit.Split(model, values);
        if (general.Count > 0)
        {
            Stage(writes, kind, general.ToJsonString(), null, source, general);
        }

        if (personal.Count > 0)
        {
            Stage(writes, kind, personal.ToJsonString(), subject, source, personal);
        }
    }

    private static ReadingResult Rejected(IReadOnlyList<StateError> errors) =>
        new() { Outcome = TwinOutcome.Invalid, Verdict = Verdict.Rejected.Name(), Errors = errors };

    private static string NewQuarantineId() => $"q-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
}
