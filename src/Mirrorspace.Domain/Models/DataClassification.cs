namespace Mirrorspace.Domain.Models;

/// <summary>Data classes ordered from least to most sensitive, so clearances compare with &lt;=.</summary>
public enum DataClassification
{
    Public = 0,
    Community = 1,
    Consortium = 2,
    Proprietary = 3,
    Personal = 4,
    Health = 5,
}
