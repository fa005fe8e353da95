using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Mirrorspace.Benchmarks.Infrastructure;
using Mirrorspace.Domain;
using Mirrorspace.Domain.Models;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Benchmarks;

/// <summary>
/// The domain work of one reported-property update, in memory: parse the merge patch, validate it
/// against the pump model (types, bounds, rate of change), build the event and fold it into the
/// twin's state. No Orleans, no storage. The parts are also measured on their own to show where the
/// time of the full pipeline goes.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 6)]
[IterationTime(250)]
public class ReportedUpdateBenchmarks
{
    private const string Tenant = "bench";
    private const string TwinId = "pump-1";
    private const string Source = "bench";

    // Mirrors TwinGrainOptions.SnapshotEvery's default: the grain serializes a snapshot every 100 changes.
    private const int SnapshotEvery = 100;

    private TwinModel _model = null!;
    private TwinState _state = null!;
    private string[] _patches = null!;
    private JsonObject[] _parsedPatches = null!;
    private DateTimeOffset _now;
    private long _sequence;

    [GlobalSetup]
    public void Setup()
    {
        _model = PumpModel.Parse().Model;
        _patches = ReportedPatches.Create(alternateTemperature: true);
        _parsedPatches = [.. _patches.Select(p => (JsonObject)JsonNode.Parse(p)!)];

        // A fixed, synthetic clock: each update is one second after the previous one, so the 0.5 °C
        // temperature swings between consecutive patches are always within the 2 °C/s limit.
        _now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _state = new TwinState();
        var creation = JsonSerializer.Serialize(new TwinCreation { ModelId = _model.Id, ModelVersion = _model.Version }, DomainJsonContext.Default.TwinCreation);
        _state.Apply(new TwinEvent { Version = 1, Timestamp = _now, Kind = TwinEventKind.Created, Payload = creation, Source = Source });
        _state.Apply(new TwinEvent { Version = 2, Timestamp = _now, Kind = TwinEventKind.ReportedPatched, Payload = _patches[0], Source = Source });
        _sequence = 1;
        MachineLoad.Log("setup");
    }

    [GlobalCleanup]
    public void Cleanup() => MachineLoad.Log("cleanup");

    /// <summary>Parse + ValidateReported + TwinEvent + TwinState.Apply: the whole domain path of one update.</summary>
    [Benchmark(Baseline = true)]
    public TwinState ParseValidateApply()
    {
        var json = NextPatch();
        _now = _now.AddSeconds(1);
        var patch = JsonNode.Parse(json) as JsonObject ?? throw new InvalidOperationException("Not an object.");
        var errors = StateUpdateValidator.ValidateReported(_model, _state, patch, _now);
        if (errors.Count != 0)
        {
            throw new InvalidOperationException(errors[0].ToString());
        }

        _state.Apply(new TwinEvent { Version = _state.Version + 1, Timestamp = _now, Kind = TwinEventKind.ReportedPatched, Payload = json, Source = Source });
        return _state;
    }

    /// <summary>The first step alone: <c>JsonNode.Parse</c> of the patch text.</summary>
    [Benchmark]
    public JsonNode? Parse() => JsonNode.Parse(NextPatch());

    /// <summary><c>StateUpdateValidator.ValidateReported</c> alone, on an already parsed patch.</summary>
    [Benchmark]
    public IReadOnlyList<Domain.Common.ValidationError> Validate()
    {
        var patch = _parsedPatches[NextIndex()];
        _now = _now.AddSeconds(1);
        return StateUpdateValidator.ValidateReported(_model, _state, patch, _now);
    }

    /// <summary>
    /// Building the event and <c>TwinState.Apply</c> alone. Apply parses the payload text again
    /// (events carry their patch as a string) and merge-patches a deep clone of every value.
    /// </summary>
    [Benchmark]
    public TwinState Apply()
    {
        var json = NextPatch();
        _now = _now.AddSeconds(1);
        _state.Apply(new TwinEvent { Version = _state.Version + 1, Timestamp = _now, Kind = TwinEventKind.ReportedPatched, Payload = json, Source = Source });
        return _state;
    }

    /// <summary>What <c>TwinGrain</c> serializes every <c>SnapshotEvery</c> changes (and for every <c>returnTwin: true</c> answer).</summary>
    [Benchmark]
    public string SnapshotSerialize() => JsonSerializer.Serialize(_state.ToSnapshot(), DomainJsonContext.Default.TwinSnapshotDocument);

    /// <summary>
    /// Everything <c>TwinGrain.PatchAsync</c> does for a reported patch except the Orleans call and the
    /// commit: the full domain path, the write list handed to the group-commit writer, and the
    /// snapshot serialization amortized over <c>SnapshotEvery</c> updates.
    /// </summary>
    [Benchmark]
    public List<TwinWrite> GrainWorkPerUpdate()
    {
        var json = NextPatch();
        _now = _now.AddSeconds(1);
        var patch = JsonNode.Parse(json) as JsonObject ?? throw new InvalidOperationException("Not an object.");
        var errors = StateUpdateValidator.ValidateReported(_model, _state, patch, _now);
        if (errors.Count != 0)
        {
            throw new InvalidOperationException(errors[0].ToString());
        }

        var change = new TwinEvent { Version = _state.Version + 1, Timestamp = _now, Kind = TwinEventKind.ReportedPatched, Payload = json, Source = Source };
        _state.Apply(change);
        var writes = new List<TwinWrite>(2) { new AppendEvent(Tenant, TwinId, change) };
        if (_state.Version % SnapshotEvery == 0)
        {
            writes.Add(new UpsertTwin(new Storage.Records.TwinRecord
            {
                TenantId = Tenant,
                TwinId = TwinId,
                ModelId = _state.ModelId,
                ModelVersion = _state.ModelVersion,
                Version = _state.Version,
                Deleted = !_state.Exists,
                Snapshot = JsonSerializer.Serialize(_state.ToSnapshot(), DomainJsonContext.Default.TwinSnapshotDocument),
                UpdatedAt = _state.UpdatedAt,
            }));
        }

        return writes;
    }

    private int NextIndex() => (int)(_sequence++ & (ReportedPatches.Count - 1));

    private string NextPatch() => _patches[NextIndex()];
}
