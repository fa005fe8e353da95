using System.Text.Json;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Access;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Cli.Demo;

/// <summary>
/// Loads the demo tenant's models and twins through the same grains the API uses. Idempotent:
/// a restarted demo finds its twins and history where it left them.
/// </summary>
internal sealed class DemoSeeder(ITwinSpaceStore store, IAccessPolicyStore policies, IGrainFactory grains, TimeProvider clock)
{
    private const string Source = "demo:seed";
    private static readonly JsonSerializerOptions ScriptOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static DemoScript LoadScript(string samplesDirectory) =>
        JsonSerializer.Deserialize<DemoScript>(File.ReadAllText(Path.Combine(samplesDirectory, "demo", "city-water.json")), ScriptOptions)
        ?? throw new InvalidOperationException("The demo script is empty.");

    public async Task SeedAsync(DemoScript script, string samplesDirectory, CancellationToken cancellationToken)
    {
        foreach (var file in script.Models)
        {
            await PublishModelAsync(script.Tenant.Id, Path.Combine(samplesDirectory, "models", file), cancellationToken);
        }

        if (script.AccessPolicy is { } policy)
        {
            var parsed = AccessPolicyParser.Parse(policy);
            if (!parsed.IsValid)
            {
                throw new InvalidOperationException($"The demo's access policy is not valid: {string.Join("; ", parsed.Errors)}");
            }

            // Only the first start sets it (version 0 expected); a restarted demo keeps what its admins changed.
            await policies.SaveAsync(script.Tenant.Id, policy.ToJsonString(), expectedVersion: 0, clock.GetUtcNow(), cancellationToken);
        }

        foreach (var twin in script.Twins)
        {
            var grain = grains.Twin(script.Tenant.Id, twin.Id);
            var created = await grain.CreateAsync(twin.Model, null, twin.Subject, Source);
            if (created.Outcome is not TwinOutcome.Created)
            {
                continue;
            }

            await PatchAsync(grain, TwinSide.Reported, twin.Reported);
            await PatchAsync(grain, TwinSide.Desired, twin.Desired);
        }

        var models = script.Twins.ToDictionary(t => t.Id, t => t.Model, StringComparer.Ordinal);
        foreach (var link in script.Relationships)
        {
            var grain = grains.Twin(script.Tenant.Id, link.Source);
            Expect(await grain.AddRelationshipAsync(link.Name, link.Target, models[link.Target], Source), $"relationship {link.Source} {link.Name} {link.Target}");
        }
    }

    private async Task PublishModelAsync(string tenantId, string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var parsed = path.EndsWith(".yaml", StringComparison.Ordinal) ? ModelDocumentParser.ParseYaml(text) : ModelDocumentParser.ParseJson(text);
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException($"Sample model {path} is invalid: {string.Join("; ", parsed.Errors)}");
        }

        var model = new StoredModel { TenantId = tenantId, ModelId = parsed.Model.Id, Version = parsed.Model.Version, Document = parsed.CanonicalJson, CreatedAt = clock.GetUtcNow() };
        await store.SaveModelAsync(model, cancellationToken);
    }

    private static async Task PatchAsync(ITwinGrain grain, TwinSide side, System.Text.Json.Nodes.JsonObject? patch)
    {
        if (patch is not null)
        {
            Expect(await grain.PatchAsync(side, patch.ToJsonString(), null, Source, returnTwin: false), $"{side} seed");
        }
    }

    private static void Expect(TwinResponse response, string what)
    {
        if (response.Outcome is not (TwinOutcome.Ok or TwinOutcome.Created))
        {
            throw new InvalidOperationException($"Demo seed failed at {what}: {response.Outcome} {string.Join("; ", response.Errors.Select(e => $"{e.Path} {e.Message}"))}");
        }
    }
}
