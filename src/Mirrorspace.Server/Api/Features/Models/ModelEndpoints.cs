using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Domain.Common;
using Mirrorspace.Domain.Models;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Server.Api.Features.Models;

internal static class ModelEndpoints
{
    public static void MapModelEndpoints(this IEndpointRouteBuilder api)
    {
        var models = api.MapGroup("/models").WithTags("Models");
        models.MapPut("/{modelId}", PutAsync).RequireAuthorization(Policies.ManageModels)
            .Accepts<JsonObject>("application/json", "application/yaml")
            .WithSummary("Publish a model version (JSON or YAML)");
        models.MapGet("/{modelId}", GetAsync).RequireAuthorization(Policies.ReadModels).WithSummary("Read a model version (latest by default)");
        models.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadModels).WithSummary("List models (latest version of each)");
    }

    private static async Task<Results<Created<ModelDto>, Ok<ModelDto>, ProblemHttpResult>> PutAsync(
        string modelId, HttpContext http, ITwinSpaceStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (text, problem) = await JsonBody.ReadTextAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var parsed = IsYaml(http.Request.ContentType) ? ModelDocumentParser.ParseYaml(text!) : ModelDocumentParser.ParseJson(text!);
        if (!parsed.IsValid)
        {
            return Problems.Invalid("The model document is not valid", parsed.Errors.Select(e => new StateError(e.Path, e.Message)));
        }

        if (parsed.Model.Id != modelId)
        {
            return Problems.BadRequest("Model id mismatch", $"The document's id '{parsed.Model.Id}' differs from the URL's '{modelId}'.", "$.id");
        }

        var caller = CallerContext.From(http.User);
        var stored = new StoredModel { TenantId = caller.TenantId, ModelId = modelId, Version = parsed.Model.Version, Document = parsed.CanonicalJson, CreatedAt = clock.GetUtcNow() };
        var outcome = await store.SaveModelAsync(stored, cancellationToken);
        return outcome switch
        {
            ModelSaveOutcome.Created => TypedResults.Created($"/api/v1/models/{modelId}?version={stored.Version}", ToDto(stored)),
            ModelSaveOutcome.Unchanged => TypedResults.Ok(ToDto((await store.GetModelAsync(caller.TenantId, modelId, stored.Version, cancellationToken))!)),
            _ => Problems.Conflict($"Model '{modelId}' v{stored.Version} is already published with a different document; publish a new version instead."),
        };
    }

    private static async Task<Results<Ok<ModelDto>, ProblemHttpResult>> GetAsync(
        string modelId, int? version, HttpContext http, ITwinSpaceStore store, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValidModelId(modelId))
        {
            return Problems.NotFound($"Model '{modelId}'");
        }

        var stored = await store.GetModelAsync(CallerContext.From(http.User).TenantId, modelId, version, cancellationToken);
        return stored is null ? Problems.NotFound($"Model '{modelId}'") : TypedResults.Ok(ToDto(stored));
    }

    private static async Task<Results<Ok<PageDto<ModelSummaryDto>>, ProblemHttpResult>> ListAsync(
        int? limit, string? after, HttpContext http, ITwinSpaceStore store, CancellationToken cancellationToken)
    {
        var (page, problem) = Paging.Read(limit, after);
        if (problem is not null)
        {
            return problem;
        }

        var result = await store.ListModelsAsync(CallerContext.From(http.User).TenantId, page!, cancellationToken);
        var items = result.Items.Select(m => new ModelSummaryDto(m.ModelId, m.Version, ToDto(m).Document["displayName"]?.GetValue<string>(), m.CreatedAt)).ToList();
        return TypedResults.Ok(new PageDto<ModelSummaryDto>(items, result.NextAfter));
    }

    private static ModelDto ToDto(StoredModel model) =>
        new(model.ModelId, model.Version, model.CreatedAt, (JsonObject)JsonNode.Parse(model.Document)!);

    private static bool IsYaml(string? contentType) =>
        contentType is not null && (contentType.Contains("yaml", StringComparison.OrdinalIgnoreCase) || contentType.Contains("yml", StringComparison.OrdinalIgnoreCase));
}
