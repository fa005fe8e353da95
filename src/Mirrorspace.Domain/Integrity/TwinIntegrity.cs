using System.Globalization;
using System.Text.Json.Nodes;
using Mirrorspace.Domain.Common;
using Mirrorspace.Domain.Models;
using Mirrorspace.Domain.Twins;

namespace Mirrorspace.Domain.Integrity;

/// <summary>
/// The per-twin stages of the ingestion pipeline: physical plausibility (bounds, rate of change), the
/// statistical checks of each numeric property, and the model's consistency rules. It keeps the
/// detectors' state, in constant memory per property, so one instance lives as long as the twin's
/// grain; a new model version starts the detectors afresh.
/// </summary>
public sealed class TwinIntegrity
{
    private readonly Dictionary<string, PropertyDetectors> _detectors = new(StringComparer.Ordinal);
    private (string Id, int Version) _model;

    public ReadingAssessment Assess(TwinModel model, TwinState current, JsonObject patch, ReportedCheck check)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(check);
        if (_model != (model.Id, model.Version))
        {
            _detectors.Clear();
            _model = (model.Id, model.Version);
        }

        var assessment = new ReadingAssessment();
        foreach (var implausible in check.Implausible)
        {
            var kind = implausible.Kind is ImplausibleKind.OutOfBounds ? SignalKind.OutOfBounds : SignalKind.RateOfChange;
            Mark(assessment, kind, implausible.Property, Verdicts.Of(model.Properties[implausible.Property].Integrity.Implausible), implausible.Message);
        }

        foreach (var (name, value) in patch)
        {
            if (value is null || assessment.Properties.ContainsKey(name) || !JsonNumbers.TryGetFinite(value, out var number))
            {
                continue;
            }

            var property = model.Properties[name];
            if (!_detectors.TryGetValue(name, out var detectors))
            {
                detectors = new PropertyDetectors(property.Integrity);
                _detectors[name] = detectors;
            }

            detectors.Observe(number, property, assessment);
        }

        CheckBehaviours(model, current, patch, assessment);
        Split(patch, assessment);
        return assessment;
    }

    private static void CheckBehaviours(TwinModel model, TwinState current, JsonObject patch, ReadingAssessment assessment)
    {
        foreach (var behaviour in model.Behaviours)
        {
            var touched = behaviour.Rule.Expected.Variables.Append(behaviour.Rule.Property).Where(patch.ContainsKey).Distinct().ToList();
            if (touched.Count == 0)
            {
                continue;
            }

            // The reading's own values where they stand, the twin's current values for the rest: a held
            // value is not a value the twin will have.
            double? Value(string name) =>
                patch.TryGetPropertyValue(name, out var fresh) && (!assessment.Properties.TryGetValue(name, out var verdict) || verdict < Verdict.Quarantined)
                    ? (JsonNumbers.TryGetFinite(fresh, out var v) ? v : null)
                    : (JsonNumbers.TryGetFinite(current.Reported[name], out var c) ? c : null);

            if (behaviour.Rule.Check(Value) is IntegritySignal.Inconsistent)
            {
                var detail = string.Create(
                    CultureInfo.InvariantCulture,
                    $"Breaks '{behaviour.Name}': {behaviour.Rule.Property} = {Value(behaviour.Rule.Property)} but {behaviour.Rule.Expected.Text} = {behaviour.Rule.Expected.Evaluate(Value):G6}.");
                foreach (var name in touched)
                {
                    Mark(assessment, SignalKind.Inconsistent, name, Verdicts.Of(behaviour.Action), detail);
                }
            }
        }
    }

    private static void Split(JsonObject patch, ReadingAssessment assessment)
    {
        if (assessment.Properties.Count == 0)
        {
            // Nothing found, the usual case: every value is accepted as it came, without a copy.
            assessment.AcceptAll(patch);
            return;
        }

        foreach (var (name, value) in patch)
        {
            var target = assessment.Properties.GetValueOrDefault(name) switch
            {
                Verdict.Flagged => assessment.Suspect,
                Verdict.Quarantined or Verdict.Rejected => assessment.Held,
                _ => assessment.Accepted,
            };
            target[name] = value?.DeepClone();
        }
    }

    internal static void Mark(ReadingAssessment assessment, SignalKind kind, string property, Verdict verdict, string detail)
    {
        assessment.Findings.Add(new Finding(kind, property, verdict, detail));
        Raise(assessment, property, verdict);
    }

    /// <summary>A value's verdict only ever gets worse within one reading.</summary>
    private static void Raise(ReadingAssessment assessment, string property, Verdict verdict) =>
        assessment.Properties[property] = assessment.Properties.TryGetValue(property, out var before) && before > verdict ? before : verdict;

    /// <summary>The detectors of one property, as its model settings ask.</summary>
    private sealed class PropertyDetectors(PropertyIntegrity settings)
    {
        private readonly SpikeDetector? _spike = settings.Spike is { } s ? new SpikeDetector(s.Window, s.Threshold, s.MinimumScale) : null;
        private readonly DriftDetector? _drift = settings.Drift is { } d ? new DriftDetector(d.WarmUp, d.K, d.H) : null;
        private readonly StuckDetector? _stuck = settings.Stuck is { } k ? new StuckDetector(k.Run, k.WarmUp, k.Tolerance) : null;

        public void Observe(double value, PropertyDefinition property, ReadingAssessment assessment)
        {
            if (_spike?.Observe(value) is IntegritySignal.Spike)
            {
                // A spike is one bad value: it must not teach the slower detectors a new level.
                Mark(assessment, SignalKind.Spike, property.Name, Verdicts.Of(settings.Spike!.Action), Format($"{value} is a spike: robust z-score {_spike.LastScore:0.#} over the last values, threshold {settings.Spike.Threshold}."));
                return;
            }

            if (_stuck?.Observe(value) is IntegritySignal.Stuck)
            {
                // The run's first values went into the drift sums before it was recognised.
                _drift?.ForgetSums();
                Mark(assessment, SignalKind.Stuck, property.Name, Verdicts.Of(settings.Stuck!.Action), Format($"{property.Name} has repeated {value} {settings.Stuck.Run} times after showing noise."));
                return;
            }

            if (_stuck is { IsStuck: true })
            {
                // Still stuck: signalled once, but every value of the run keeps its verdict, and none
                // of them teaches the drift detector a level the sensor is not really at.
                Raise(assessment, property.Name, Verdicts.Of(settings.Stuck!.Action));
                return;
            }

            if (_drift?.Observe(value) is IntegritySignal.Drift)
            {
                Mark(assessment, SignalKind.Drift, property.Name, Verdicts.Of(settings.Drift!.Action), Format($"{property.Name} is drifting away from its learned level (CUSUM over {settings.Drift.H})."));
            }
        }

        private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
