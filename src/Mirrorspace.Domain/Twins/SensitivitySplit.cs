using System.Text.Json.Nodes;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Twins;

/// <summary>
/// Splits a patch into the values of a data subject (<c>personal</c> and <c>health</c>) and the rest,
/// so the subject's values can be sealed with the subject's own key and erased alone.
/// </summary>
public static class SensitivitySplit
{
    public static (JsonObject General, JsonObject Subject) Split(TwinModel model, JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(patch);
        var general = new JsonObject();
        var subject = new JsonObject();
        foreach (var (name, value) in patch)
        {
            var target = IsSubjectData(model, name) ? subject : general;
            target[name] = value?.DeepClone();
        }

        return (general, subject);
    }

    public static bool IsSubjectData(TwinModel model, string property) =>
        model is not null
        && model.Properties.TryGetValue(property, out var definition)
        && definition.Classification is DataClassification.Personal or DataClassification.Health;
}
