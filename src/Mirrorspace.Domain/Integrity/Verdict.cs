namespace Mirrorspace.Domain.Integrity;

/// <summary>What the pipeline did with a reading or one of its values, from best to worst.</summary>
public enum Verdict
{
    /// <summary>Applied to the twin.</summary>
    Accepted = 0,

    /// <summary>Applied, its quality marked suspect.</summary>
    Flagged = 1,

    /// <summary>Kept aside, not applied; a person releases or discards it.</summary>
    Quarantined = 2,

    /// <summary>Not kept as data; counted, audited and signalled with the reason.</summary>
    Rejected = 3,
}

public static class Verdicts
{
    public static string Name(this Verdict verdict) => verdict switch
    {
        Verdict.Accepted => "accepted",
        Verdict.Flagged => "flagged",
        Verdict.Quarantined => "quarantined",
        Verdict.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };

    public static Verdict Parse(string name) => name switch
    {
        "accepted" => Verdict.Accepted,
        "flagged" => Verdict.Flagged,
        "quarantined" => Verdict.Quarantined,
        "rejected" => Verdict.Rejected,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown verdict."),
    };

    public static Verdict Of(Models.IntegrityAction action) =>
        action is Models.IntegrityAction.Quarantine ? Verdict.Quarantined : Verdict.Flagged;
}
