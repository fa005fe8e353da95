using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Connectivity.Devices;
using Mirrorspace.Domain.Common;
using Mirrorspace.Security.Devices;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Auth;

namespace Mirrorspace.Server.Api.Features.Devices;

/// <summary>Device identities: register one for a twin, list and inspect them, disable, enable, rotate or delete the credential.</summary>
internal static class DeviceEndpoints
{
    public static void MapDeviceEndpoints(this IEndpointRouteBuilder api)
    {
        var devices = api.MapGroup("/devices").WithTags("Devices");
        devices.MapPost("/", CreateAsync).RequireAuthorization(Policies.ManageDevices)
            .Accepts<JsonObject>("application/json")
            .WithSummary("Register a device for a twin: {\"twinId\": ..., \"certificatePem\": optional, \"signing\": {\"algorithm\": \"HS256|ES256|EdDSA\", \"publicKey\": ...} optional}; the secret (and an HS256 key) is shown once");
        devices.MapGet("/", ListAsync).RequireAuthorization(Policies.ReadDevices).WithSummary("List devices");
        devices.MapGet("/{deviceId}", GetAsync).RequireAuthorization(Policies.ReadDevices).WithSummary("Read a device and its live counters");
        devices.MapPost("/{deviceId}/disable", (string deviceId, HttpContext http, DeviceRegistry registry, CancellationToken ct) => SetEnabledAsync(deviceId, false, http, registry, ct))
            .RequireAuthorization(Policies.ManageDevices).WithSummary("Disable the credential; a live connection is dropped at once");
        devices.MapPost("/{deviceId}/enable", (string deviceId, HttpContext http, DeviceRegistry registry, CancellationToken ct) => SetEnabledAsync(deviceId, true, http, registry, ct))
            .RequireAuthorization(Policies.ManageDevices).WithSummary("Enable the credential again");
        devices.MapPost("/{deviceId}/rotate", RotateAsync).RequireAuthorization(Policies.ManageDevices)
            .WithSummary("Replace the credential (new secret, or {\"certificatePem\": ...}); the old one stops at once");
        devices.MapPut("/{deviceId}/signing", SetSigningAsync).RequireAuthorization(Policies.ManageDevices)
            .Accepts<JsonObject>("application/json")
            .WithSummary("Require signed readings: {\"algorithm\": \"HS256|ES256|EdDSA\", \"publicKey\": for ES256/EdDSA}; a new HS256 key is shown once");
        devices.MapDelete("/{deviceId}/signing", (string deviceId, HttpContext http, DeviceRegistry registry, CancellationToken ct) => ApplySigningAsync(deviceId, null, http, registry, ct))
            .RequireAuthorization(Policies.ManageDevices).WithSummary("Stop requiring signed readings");
        devices.MapDelete("/{deviceId}", DeleteAsync).RequireAuthorization(Policies.ManageDevices).WithSummary("Delete a device");
    }

    private static async Task<Results<Created<DeviceCreatedDto>, ProblemHttpResult>> CreateAsync(
        HttpContext http, DeviceRegistry registry, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<Mirrorspace.Runtime.Twins.StateError>();
        var twinId = ReadString(body!, "twinId", required: true, errors);
        var certificate = ReadString(body!, "certificatePem", required: false, errors);
        var signing = body!["signing"] is JsonObject signingBody ? ReadSigning(signingBody, "$.signing", errors) : null;
        if (body["signing"] is { } notObject && notObject is not JsonObject)
        {
            errors.Add(new("$.signing", "Must be an object: {\"algorithm\": ..., \"publicKey\": ...}."));
        }

        errors.AddRange(body!.Where(p => p.Key is not ("twinId" or "certificatePem" or "signing"))
            .Select(p => new Mirrorspace.Runtime.Twins.StateError($"$.{p.Key}", "Unknown field.")));
        if (twinId is not null && !Identifiers.IsValidTwinId(twinId))
        {
            errors.Add(new("$.twinId", "Not a valid twin id."));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid("Invalid device registration", errors);
        }

        var change = await registry.RegisterAsync(CallerContext.From(http.User).TenantId, twinId!, certificate, signing, cancellationToken);
        if (change.Error is not null)
        {
            return ProblemOf(change);
        }

        return TypedResults.Created(
            $"/api/v1/devices/{change.Device!.DeviceId}",
            new DeviceCreatedDto(Dto(change.Device, registry), change.Secret) { SigningKey = change.SigningKey });
    }

    private static async Task<Results<Ok<DeviceCreatedDto>, ProblemHttpResult>> SetSigningAsync(
        string deviceId, HttpContext http, DeviceRegistry registry, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<Mirrorspace.Runtime.Twins.StateError>();
        var signing = ReadSigning(body!, "$", errors);
        return errors.Count > 0 ? Problems.Invalid("Invalid signing policy", errors) : await ApplySigningAsync(deviceId, signing, http, registry, cancellationToken);
    }

    private static async Task<Results<Ok<DeviceCreatedDto>, ProblemHttpResult>> ApplySigningAsync(
        string deviceId, DeviceSigning? signing, HttpContext http, DeviceRegistry registry, CancellationToken cancellationToken)
    {
        if (!DeviceCredentials.IsDeviceId(deviceId))
        {
            return Problems.NotFound($"Device '{deviceId}'");
        }

        var change = await registry.SetSigningAsync(CallerContext.From(http.User).TenantId, deviceId, signing, cancellationToken);
        return change.Error is null
            ? TypedResults.Ok(new DeviceCreatedDto(Dto(change.Device!, registry), null) { SigningKey = change.SigningKey })
            : ProblemOf(change);
    }

    private static async Task<Results<Ok<PageDto<DeviceDto>>, ProblemHttpResult>> ListAsync(
        int? limit, string? after, HttpContext http, DeviceRegistry registry, CancellationToken cancellationToken)
    {
        var (page, problem) = Paging.Read(limit, after);
        if (problem is not null)
        {
            return problem;
        }

        var result = await registry.ListAsync(CallerContext.From(http.User).TenantId, page!, cancellationToken);
        return TypedResults.Ok(new PageDto<DeviceDto>([.. result.Items.Select(d => Dto(d, registry))], result.NextAfter));
    }

    private static async Task<Results<Ok<DeviceDto>, ProblemHttpResult>> GetAsync(
        string deviceId, HttpContext http, DeviceRegistry registry, CancellationToken cancellationToken)
    {
        var device = DeviceCredentials.IsDeviceId(deviceId)
            ? await registry.GetAsync(CallerContext.From(http.User).TenantId, deviceId, cancellationToken)
            : null;
        return device is null ? Problems.NotFound($"Device '{deviceId}'") : TypedResults.Ok(Dto(device, registry));
    }

    private static async Task<Results<Ok<DeviceDto>, ProblemHttpResult>> SetEnabledAsync(
        string deviceId, bool enabled, HttpContext http, DeviceRegistry registry, CancellationToken cancellationToken)
    {
        if (!DeviceCredentials.IsDeviceId(deviceId))
        {
            return Problems.NotFound($"Device '{deviceId}'");
        }

        var change = await registry.SetEnabledAsync(CallerContext.From(http.User).TenantId, deviceId, enabled, cancellationToken);
        return change.Error is null ? TypedResults.Ok(Dto(change.Device!, registry)) : ProblemOf(change);
    }

    private static async Task<Results<Ok<DeviceCreatedDto>, ProblemHttpResult>> RotateAsync(
        string deviceId, HttpContext http, DeviceRegistry registry, CancellationToken cancellationToken)
    {
        if (!DeviceCredentials.IsDeviceId(deviceId))
        {
            return Problems.NotFound($"Device '{deviceId}'");
        }

        string? certificate = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            var errors = new List<Mirrorspace.Runtime.Twins.StateError>();
            certificate = ReadString(body!, "certificatePem", required: false, errors);
            if (errors.Count > 0)
            {
                return Problems.Invalid("Invalid rotation", errors);
            }
        }

        var change = await registry.RotateAsync(CallerContext.From(http.User).TenantId, deviceId, certificate, cancellationToken);
        return change.Error is null ? TypedResults.Ok(new DeviceCreatedDto(Dto(change.Device!, registry), change.Secret)) : ProblemOf(change);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string deviceId, HttpContext http, DeviceRegistry registry, CancellationToken cancellationToken) =>
        DeviceCredentials.IsDeviceId(deviceId) && await registry.DeleteAsync(CallerContext.From(http.User).TenantId, deviceId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Device '{deviceId}'");

    private static DeviceDto Dto(Mirrorspace.Storage.Devices.DeviceRecord device, DeviceRegistry registry) =>
        DeviceDto.From(device, registry.ActivityOf(device.DeviceId));

    private static ProblemHttpResult ProblemOf(DeviceChange change) => change.Error switch
    {
        DeviceChangeError.TwinNotFound => Problems.BadRequest("Unknown twin", change.Detail!, "twinId"),
        DeviceChangeError.DeviceNotFound => Problems.NotFound("Device"),
        DeviceChangeError.InvalidCertificate => Problems.BadRequest("Invalid certificate", change.Detail!, "certificatePem"),
        DeviceChangeError.InvalidSigning => Problems.BadRequest("Invalid signing policy", change.Detail!, "signing"),
        _ => Problems.Conflict(change.Detail!),
    };

    /// <param name="parent">Where <paramref name="body"/> sits in the request, for the errors' paths.</param>
    private static string? ReadString(JsonObject body, string name, bool required, List<Mirrorspace.Runtime.Twins.StateError> errors, string parent = "$")
    {
        if (!body.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
            {
                errors.Add(new($"{parent}.{name}", "Required."));
            }

            return null;
        }

        if (node.GetValueKind() is not System.Text.Json.JsonValueKind.String)
        {
            errors.Add(new($"{parent}.{name}", "Must be a string."));
            return null;
        }

        return node.GetValue<string>();
    }

    private static DeviceSigning? ReadSigning(JsonObject body, string path, List<Mirrorspace.Runtime.Twins.StateError> errors)
    {
        var before = errors.Count;
        var algorithmName = ReadString(body, "algorithm", required: true, errors, path);
        var publicKey = ReadString(body, "publicKey", required: false, errors, path);

        foreach (var unknown in body.Where(p => p.Key is not ("algorithm" or "publicKey")))
        {
            errors.Add(new($"{path}.{unknown.Key}", "Unknown field."));
        }

        if (algorithmName is not null && !DeviceSigning.TryParseAlgorithm(algorithmName, out _))
        {
            errors.Add(new($"{path}.algorithm", "Must be HS256, ES256 or EdDSA."));
        }

        return errors.Count > before || !DeviceSigning.TryParseAlgorithm(algorithmName, out var algorithm) ? null : new DeviceSigning(algorithm, publicKey);
    }
}
