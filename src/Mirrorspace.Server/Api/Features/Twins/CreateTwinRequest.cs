namespace Mirrorspace.Server.Api.Features.Twins;

/// <summary>
/// Body of <c>PUT /api/v1/twins/{twinId}</c>: the model to build the twin from (latest version unless
/// given), and the data subject whose personal and health values the twin holds, if any.
/// </summary>
public sealed record CreateTwinRequest(string Model, int? ModelVersion, string? Subject = null);
