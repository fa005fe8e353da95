using System.Globalization;
using System.Text.Json.Nodes;
using Mirrorspace.Domain.Models;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Simulation.Tests.Behaviour;

/// <summary>
/// A twin as the node keeps it, without the network: readings are judged by the node's own validator
/// at the instant the node handles them, and only accepted ones change the state.
/// </summary>
internal sealed class FakeNode
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TwinModel _model;
    private long _version;

    public FakeNode(TwinModel model, string reported)
    {
        _model = model;
        State.Apply(Event(TwinEventKind.Created, TimeSpan.Zero, string.Create(CultureInfo.InvariantCulture, $$"""{"model":"{{model.Id}}","modelVersion":{{model.Version}}}""")));
        State.Apply(Event(TwinEventKind.ReportedPatched, TimeSpan.Zero, reported));
    }

    public TwinState State { get; } = new();

    public int Accepted { get; private set; }

    public List<string> Refusals { get; } = [];

    /// <summary>Handles a reading at <paramref name="at"/> (time since the epoch); false when the validator refused it.</summary>
    public bool Handle(JsonObject reading, TimeSpan at)
    {
        // As the node does: the reading arrives as text and is parsed there.
        var patch = (JsonObject)JsonNode.Parse(reading.ToJsonString())!;
        var errors = StateUpdateValidator.ValidateReported(_model, State, patch, Epoch + at);
        if (errors.Count > 0)
        {
            Refusals.Add($"{at.TotalSeconds:0.000}s {reading.ToJsonString()}: {string.Join("; ", errors.Select(e => $"{e.Path} {e.Message}"))}");
            return false;
        }

        State.Apply(Event(TwinEventKind.ReportedPatched, at, reading.ToJsonString()));
        Accepted++;
        return true;
    }

    public void SetDesired(string patch, TimeSpan at) => State.Apply(Event(TwinEventKind.DesiredPatched, at, patch));

    public double Reported(string name) => State.Reported[name]!.GetValue<double>();

    private TwinEvent Event(TwinEventKind kind, TimeSpan at, string payload) =>
        new() { Version = ++_version, Timestamp = Epoch + at, Kind = kind, Payload = payload, Source = "test" };
}
