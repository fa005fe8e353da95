using Mirrorspace.Domain.Access;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Connectivity.Mqtt;
using Mirrorspace.Domain;
using Mirrorspace.Runtime.Models;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Api.Features.Twins;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage;

namespace Mirrorspace.Server.Api.Features.Devices;

/// <summary>Commands the model declares, sent to the twin's connected devices on its commands topic.</summary>
internal static class CommandEndpoints
{
    public static void MapCommandEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/twins/{twinId}/commands/{name}", SendAsync)
            .WithTags("Twins")
            .RequireAuthorization(Policies.WriteDesired)
            .Accepts<JsonObject>("application/json")
            .WithSummary("Send a command the twin's model declares to its connected devices (body: the command's arguments)");
    }

    private static async Task<Results<Accepted<CommandSentDto>, ProblemHttpResult>> SendAsync(
        string twinId, string name, HttpContext http, IGrainFactory grains, ITwinSpaceStore store, ModelCatalog models, MqttBridge bridge, CancellationToken cancellationToken)
    {
        var grain = await TwinAccess.AuthorizeAsync(http, grains, store, twinId, Permission.WriteDesired, cancellationToken);
        var twin = grain is null ? null : await grain.GetAsync();
        if (twin is not { Outcome: TwinOutcome.Ok })
        {
            return Problems.NotFound($"Twin '{twinId}'");
        }

        var snapshot = JsonSerializer.Deserialize(twin.Snapshot!, DomainJsonContext.Default.TwinSnapshotDocument)!;
        var tenantId = CallerContext.From(http.User).TenantId;
        var model = await models.GetAsync(tenantId, snapshot.ModelId, snapshot.ModelVersion, cancellationToken);
        if (model is null || !model.Commands.ContainsKey(name))
        {
            return Problems.BadRequest("Unknown command", $"Model {snapshot.ModelId} v{snapshot.ModelVersion} declares no command '{name}'.", "name");
        }

        var (arguments, problem) = http.Request.ContentLength is > 0
            ? await JsonBody.ReadObjectAsync(http.Request, cancellationToken)
            : (new JsonObject(), null);
        if (problem is not null)
        {
            return problem;
        }

        var commandId = Guid.NewGuid().ToString("N");
        var message = new JsonObject { ["commandId"] = commandId, ["name"] = name, ["arguments"] = arguments };
        var queuedFor = await bridge.PublishCommandAsync(tenantId, twinId, message.ToJsonString());
        return TypedResults.Accepted($"/api/v1/twins/{twinId}", new CommandSentDto(commandId, name, queuedFor));
    }
}
