namespace Mirrorspace.Runtime.Twins;

[GenerateSerializer]
[Immutable]
public sealed record StateError([property: Id(0)] string Path, [property: Id(1)] string Message);
