namespace Mirrorspace.Runtime.Twins;

[GenerateSerializer]
public enum TwinSide
{
    Reported = 0,
    Desired = 1,
}
