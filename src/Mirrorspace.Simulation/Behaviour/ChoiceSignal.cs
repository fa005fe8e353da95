using System.Text.Json.Nodes;

namespace Mirrorspace.Simulation.Behaviour;

/// <summary>A writable property that is not a number (a mode, a switch, a label): it takes the desired value at once.</summary>
internal sealed class ChoiceSignal(string name, JsonNode? reported)
{
    private JsonNode? _stored = reported?.DeepClone();
    private JsonNode? _desired;
    private JsonNode? _pending;

    public string Name { get; } = name;

    public void SetTarget(JsonNode? desired) => _desired = desired?.DeepClone();

    /// <summary>The desired value when the twin has not stored it yet; otherwise null.</summary>
    public JsonNode? Read()
    {
        if (_desired is null || JsonNode.DeepEquals(_desired, _stored))
        {
            return null;
        }

        _pending = _desired.DeepClone();
        return _pending.DeepClone();
    }

    public void Stored()
    {
        if (_pending is not null)
        {
            _stored = _pending;
            _pending = null;
        }
    }

    public void Discard() => _pending = null;
}
