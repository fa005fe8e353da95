namespace Mirrorspace.Domain.Twins;

public enum TwinEventKind
{
    Created = 1,
    ReportedPatched = 2,
    DesiredPatched = 3,
    RelationshipAdded = 4,
    RelationshipRemoved = 5,
    Deleted = 6,

    /// <summary>Reported values the ingestion checks found suspect: applied, with their quality marked suspect.</summary>
    ReportedSuspect = 7,
}
