using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Connectivity.Sftp.Definitions;
using Mirrorspace.Connectivity.Sftp.Import;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage.Connectors;

namespace Mirrorspace.Server.Api.Features.Connectors;

/// <summary>
/// SFTP batch-import connectors of the caller's tenant (admin role). Credentials go in and are
/// never returned; a connector of another tenant is not found (404).
/// </summary>
internal static class ConnectorEndpoints
{
    private static readonly JsonSerializerOptions DefinitionOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static void MapConnectorEndpoints(this IEndpointRouteBuilder api)
    {
        var connectors = api.MapGroup("/connectors").WithTags("Connectors").RequireAuthorization(Policies.ManageConnectors);
        connectors.MapPut("/{connectorId}", PutAsync).Accepts<ConnectorDefinition>("application/json")
            .WithSummary("Create or replace an SFTP connector (omit the credentials to keep the stored ones)");
        connectors.MapGet("/{connectorId}", GetAsync).WithSummary("Read a connector (never its credentials)");
        connectors.MapGet("/", ListAsync).WithSummary("List connectors");
        connectors.MapDelete("/{connectorId}", DeleteAsync).WithSummary("Delete a connector and its file ledger");
        connectors.MapPost("/{connectorId}/run", RunAsync).WithSummary("Run a connector now and return the run's result");
    }

    private static async Task<Results<Created<ConnectorDto>, Ok<ConnectorDto>, ProblemHttpResult>> PutAsync(
        string connectorId, HttpContext http, IConnectorStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        ConnectorDefinition definition;
        try
        {
            definition = body!.Deserialize<ConnectorDefinition>(DefinitionOptions)!;
        }
        catch (JsonException ex)
        {
            // The message names the member and the position, never the value.
            return Problems.BadRequest("Malformed connector", ex.Message);
        }

        var tenantId = CallerContext.From(http.User).TenantId;
        var existing = ConnectorDefinitionValidator.IsValidConnectorId(connectorId) ? await store.GetAsync(tenantId, connectorId, cancellationToken) : null;
        var (record, credentials, errors) = ConnectorDefinitionValidator.Validate(tenantId, connectorId, definition, existing, clock.GetUtcNow());
        if (record is null)
        {
            return Problems.Invalid("The connector is not valid", errors.Select(e => new StateError(e.Path, e.Message)));
        }

        var outcome = await store.PutAsync(record, credentials, cancellationToken);
        var dto = ConnectorMapping.ToDto(record);
        return outcome is ConnectorSaveOutcome.Created ? TypedResults.Created($"/api/v1/connectors/{connectorId}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<Results<Ok<ConnectorDto>, ProblemHttpResult>> GetAsync(
        string connectorId, HttpContext http, IConnectorStore store, CancellationToken cancellationToken)
    {
        var connector = ConnectorDefinitionValidator.IsValidConnectorId(connectorId)
            ? await store.GetAsync(CallerContext.From(http.User).TenantId, connectorId, cancellationToken)
            : null;
        return connector is null ? NotFound(connectorId) : TypedResults.Ok(ConnectorMapping.ToDto(connector));
    }

    private static async Task<Results<Ok<PageDto<ConnectorDto>>, ProblemHttpResult>> ListAsync(
        int? limit, string? after, HttpContext http, IConnectorStore store, CancellationToken cancellationToken)
    {
        var (page, problem) = Paging.Read(limit, after);
        if (problem is not null)
        {
            return problem;
        }

        var result = await store.ListAsync(CallerContext.From(http.User).TenantId, page!, cancellationToken);
        return TypedResults.Ok(new PageDto<ConnectorDto>([.. result.Items.Select(ConnectorMapping.ToDto)], result.NextAfter));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string connectorId, HttpContext http, IConnectorStore store, CancellationToken cancellationToken)
    {
        var deleted = ConnectorDefinitionValidator.IsValidConnectorId(connectorId)
            && await store.DeleteAsync(CallerContext.From(http.User).TenantId, connectorId, cancellationToken);
        return deleted ? TypedResults.NoContent() : NotFound(connectorId);
    }

    private static async Task<Results<Ok<ConnectorRunResult>, ProblemHttpResult>> RunAsync(
        string connectorId, HttpContext http, ConnectorRunner runner, CancellationToken cancellationToken)
    {
        if (!ConnectorDefinitionValidator.IsValidConnectorId(connectorId))
        {
            return NotFound(connectorId);
        }

        var caller = CallerContext.From(http.User);
        var outcome = await runner.RunAsync(caller.TenantId, connectorId, caller.Source, cancellationToken);
        return outcome.Kind switch
        {
            ConnectorRunOutcomeKind.Ran => TypedResults.Ok(outcome.Result!),
            ConnectorRunOutcomeKind.AlreadyRunning => Problems.Conflict($"Connector '{connectorId}' is running already; runs of one connector never overlap."),
            _ => NotFound(connectorId),
        };
    }

    private static ProblemHttpResult NotFound(string connectorId) => Problems.NotFound($"Connector '{connectorId}'");
}
