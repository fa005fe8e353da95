using System.Text.Json.Nodes;
using Mirrorspace.Domain.Common;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Simulation.Behaviour;

/// <summary>
/// The value model of one simulated device, driven by the twin's model: numeric readings wander within
/// their bounds and max rate of change, writable properties follow the desired state (numbers ramp, other
/// values switch at once). No clock and no network: the caller says what time it is and whether the
/// node stored the last reading, so tests drive it step by step. Thread-safe: desired state arrives on
/// the connection's receive loop while readings are made on the publish loop.
/// </summary>
public sealed class DeviceBehaviour
{
    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly BehaviourSettings _settings;
    private readonly List<NumericSignal> _numbers = [];
    private readonly List<ChoiceSignal> _choices = [];
    private TimeSpan _clock;
    private long _desiredVersion = -1;

    /// <param name="reported">The twin's reported state when the device starts; its values are where the device starts from.</param>
    /// <param name="now">Time on the caller's monotonic clock; every later call must use the same clock.</param>
    public DeviceBehaviour(TwinModel model, JsonObject reported, TimeSpan now, Random random, BehaviourSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(reported);
        _random = random;
        _settings = settings ?? new BehaviourSettings();
        _clock = now;
        foreach (var property in model.Properties.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (property.Type is PropertyType.Number or PropertyType.Integer)
            {
                _numbers.Add(new NumericSignal(property, reported[property.Name], now, _settings));
            }
            else if (property.Writable && property.Type is PropertyType.Enum or PropertyType.String or PropertyType.Boolean)
            {
                _choices.Add(new ChoiceSignal(property.Name, reported[property.Name]));
            }
        }

        if (_numbers.Count == 0)
        {
            throw new ArgumentException($"Model {model.Id} has no numeric property to simulate.", nameof(model));
        }
    }

    /// <summary>Whether a device of this model has something to report.</summary>
    public static bool CanSimulate(TwinModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Properties.Values.Any(p => p.Type is PropertyType.Number or PropertyType.Integer);
    }

    /// <summary>
    /// Takes the twin's whole desired state (as the node sends it on the desired topic). A property
    /// absent from it has no set point, so the device holds its value. Older versions than one already
    /// seen are ignored: the replay after subscribing can cross a live change.
    /// </summary>
    /// <returns>False when the version was older and nothing changed.</returns>
    public bool ApplyDesired(long version, JsonObject desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        lock (_gate)
        {
            if (version < _desiredVersion)
            {
                return false;
            }

            _desiredVersion = version;
            foreach (var number in _numbers)
            {
                number.SetTarget(JsonNumbers.TryGetFinite(desired[number.Name], out var target) ? target : null);
            }

            foreach (var choice in _choices)
            {
                choice.SetTarget(desired[choice.Name]);
            }

            return true;
        }
    }

    /// <summary>
    /// Moves the values on to <paramref name="now"/> and returns the reading to publish: every value that
    /// differs from what the twin stored. Empty only when nothing changed and every value is rate-limited:
    /// then there is nothing to send. Follow a sent reading with <see cref="Stored"/> or
    /// <see cref="NotStored"/> once the node has answered.
    /// </summary>
    public JsonObject NextReading(TimeSpan now)
    {
        lock (_gate)
        {
            AdvanceTo(now);
            var reading = new JsonObject();
            foreach (var number in _numbers)
            {
                if (number.Read(now) is { } value)
                {
                    reading[number.Name] = value;
                }
            }

            foreach (var choice in _choices)
            {
                if (choice.Read() is { } value)
                {
                    reading[choice.Name] = value;
                }
            }

            // Nothing changed: repeat a value whose repetition costs nothing. The node measures a rate of
            // change from a property's last report, not its last change, so repeating a rate-limited
            // value would restart its clock and could keep a slow integer from ever taking a step.
            if (reading.Count == 0 && _numbers.Find(n => n.HasStoredValue && !n.IsRateLimited) is { } steady && steady.Repeat() is { } same)
            {
                reading[steady.Name] = same;
            }

            return reading;
        }
    }

    /// <summary>The node acknowledged the last reading at <paramref name="acknowledgedAt"/>: it is the twin's state now.</summary>
    public void Stored(TimeSpan acknowledgedAt)
    {
        lock (_gate)
        {
            _numbers.ForEach(n => n.Stored(acknowledgedAt));
            _choices.ForEach(c => c.Stored());
        }
    }

    /// <summary>The last reading was refused or lost: the twin still holds the reading before it.</summary>
    public void NotStored()
    {
        lock (_gate)
        {
            _numbers.ForEach(n => n.Discard());
            _choices.ForEach(c => c.Discard());
        }
    }

    /// <summary>The current physical value of a numeric property (for tests and diagnostics).</summary>
    public double ValueOf(string name)
    {
        lock (_gate)
        {
            return _numbers.Find(n => n.Name == name)?.Value ?? throw new ArgumentException($"'{name}' is not a simulated numeric property.", nameof(name));
        }
    }

    private void AdvanceTo(TimeSpan now)
    {
        while (now > _clock)
        {
            var step = now - _clock < _settings.MaxStep ? now - _clock : _settings.MaxStep;
            foreach (var number in _numbers)
            {
                number.Advance(step.TotalSeconds, _random);
            }

            _clock += step;
        }
    }
}
