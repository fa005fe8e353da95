using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Simulation.Behaviour;

/// <summary>
/// One numeric property of a simulated device. Its physical value follows the set point when the
/// property is writable, and otherwise wanders (a mean-reverting random walk) within the model's bounds.
/// What the twin last stored, and when its acknowledgement came back, bounds the next reading: the node
/// judges the rate of change against its stored value, so a refused reading must not make the next one jump.
/// </summary>
internal sealed class NumericSignal
{
    // The acknowledgement of the stored reading and the send of the next one bracket the node's own
    // interval from below; the small margin absorbs rounding in the node's division.
    private const double PublishMargin = 0.95;

    private readonly BehaviourSettings _settings;
    private readonly bool _writable;
    private readonly bool _integer;
    private readonly double _min;
    private readonly double _max;
    private readonly double? _maxRate;
    private readonly double _rampRate;
    private readonly double _volatility;
    private readonly double _centre;
    private double _value;
    private double? _target;
    private double? _stored;
    private TimeSpan _storedAt;
    private double? _pending;

    public NumericSignal(PropertyDefinition property, JsonNode? reported, TimeSpan now, BehaviourSettings settings)
    {
        _settings = settings;
        Name = property.Name;
        _writable = property.Writable;
        _integer = property.Type is PropertyType.Integer;
        _min = property.Minimum ?? double.NegativeInfinity;
        _max = property.Maximum ?? double.PositiveInfinity;
        _maxRate = property.MaxRateOfChange;
        double? span = property.Minimum is { } min && property.Maximum is { } max ? max - min : null;

        _stored = Domain.Common.JsonNumbers.TryGetFinite(reported, out var current) ? current : null;
        _storedAt = now;
        _value = Math.Clamp(_stored ?? span switch
        {
            { } => _min + (span.Value / 2),
            null => property.Minimum ?? property.Maximum ?? 0,
        }, _min, _max);
        _centre = _value;
        _volatility = (span ?? Math.Max(Math.Abs(_centre), 1)) * settings.Volatility;
        _rampRate = _maxRate is { } rate ? rate * settings.RateHeadroom : span is { } range ? range / settings.FullRangeRampSeconds : double.PositiveInfinity;
    }

    public string Name { get; }

    public bool HasStoredValue => _stored is not null;

    public bool IsRateLimited => _maxRate is not null;

    public void SetTarget(double? target) => _target = target is { } t ? Math.Clamp(t, _min, _max) : null;

    /// <summary>Moves the physical value on by <paramref name="seconds"/>.</summary>
    [SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Simulated sensor noise, not a secret.")]
    public void Advance(double seconds, Random random)
    {
        if (_writable)
        {
            // A set point holds until it is told otherwise, then ramps to the new one.
            if (_target is { } target)
            {
                var step = _rampRate * seconds;
                _value = Math.Abs(target - _value) <= step ? target : _value + (Math.Sign(target - _value) * step);
            }

            return;
        }

        // Box-Muller: one standard normal draw from two uniform ones.
        var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var change = (_settings.Reversion * (_centre - _value) * seconds) + (_volatility * Math.Sqrt(seconds) * gaussian);
        if (_maxRate is { } rate)
        {
            var limit = rate * _settings.RateHeadroom * seconds;
            change = Math.Clamp(change, -limit, limit);
        }

        _value = Math.Clamp(_value + change, _min, _max);
    }

    /// <summary>The value to report now, or null when it would repeat what the twin already stored.</summary>
    public JsonNode? Read(TimeSpan now)
    {
        var candidate = _target == _value ? _value : Math.Round(_value, _integer ? 0 : 2);
        if (_stored is { } stored && _maxRate is { } rate)
        {
            var maxStep = rate * PublishMargin * Math.Max(0, (now - _storedAt).TotalSeconds);
            if (Math.Abs(candidate - stored) > maxStep)
            {
                candidate = StepToward(stored, candidate, maxStep);
            }
        }

        if (candidate == _stored)
        {
            return null;
        }

        _pending = candidate;
        return ToJson(candidate);
    }

    /// <summary>Repeats the stored value: a change of zero is always plausible, and it keeps a message from being empty.</summary>
    public JsonNode? Repeat()
    {
        _pending = _stored;
        return _stored is { } stored ? ToJson(stored) : null;
    }

    public void Stored(TimeSpan acknowledgedAt)
    {
        if (_pending is { } pending)
        {
            _stored = pending;
            _storedAt = acknowledgedAt;
            _pending = null;
        }
    }

    public void Discard() => _pending = null;

    public double Value => _value;

    private double StepToward(double stored, double candidate, double maxStep)
    {
        var direction = Math.Sign(candidate - stored);
        if (_integer)
        {
            return stored + (direction * Math.Floor(maxStep));
        }

        var limited = stored + (direction * maxStep);
        var rounded = Math.Round(limited, 2);
        return Math.Abs(rounded - stored) <= maxStep ? rounded : limited;
    }

    private JsonValue ToJson(double value) => _integer ? JsonValue.Create((long)value) : JsonValue.Create(value);
}
