namespace Mirrorspace.Domain.Models;

/// <summary>The data classes' names on the wire and in storage, and what reading each one takes.</summary>
public static class DataClassifications
{
    public static string Name(DataClassification classification) => classification.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out DataClassification classification)
    {
        classification = default;
        return text is not null && text.All(char.IsAsciiLetterLower) && Enum.TryParse(text, ignoreCase: true, out classification)
            && Enum.IsDefined(classification);
    }

    /// <summary>Personal and health values are read only for a declared purpose of use that the tenant allows for the class.</summary>
    public static bool NeedsPurpose(DataClassification classification) =>
        classification is DataClassification.Personal or DataClassification.Health;
}
