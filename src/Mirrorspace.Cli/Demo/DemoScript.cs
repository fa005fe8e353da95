using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Demo;

/// <summary>The seed data of a demo tenant, read from <c>samples/demo/*.json</c>.</summary>
/// <param name="AccessPolicy">The tenant's access policy document (purposes of use, custom grants and revokes).</param>
internal sealed record DemoScript(
    DemoTenant Tenant,
    IReadOnlyList<string> Models,
    IReadOnlyList<DemoTwin> Twins,
    IReadOnlyList<DemoRelationship> Relationships,
    JsonObject? AccessPolicy = null);

internal sealed record DemoTenant(string Id, string Name);

internal sealed record DemoTwin(string Id, string Model, JsonObject? Reported, JsonObject? Desired, string? Subject = null);

internal sealed record DemoRelationship(string Source, string Name, string Target);
