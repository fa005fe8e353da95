using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Domain.Common;
using Mirrorspace.Runtime.Twins;

namespace Mirrorspace.Server.Api.Common;

/// <summary>RFC 9457 problem details for the API's expected failures, one wording per failure.</summary>
internal static class Problems
{
    public static ProblemHttpResult Invalid(string title, IEnumerable<StateError> errors) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: title,
        detail: Described(errors),
        extensions: new Dictionary<string, object?> { ["errors"] = Listed(errors) });

    public static ProblemHttpResult Invalid(string title, IEnumerable<ValidationError> errors) =>
        Invalid(title, errors.Select(e => new StateError(e.Path, e.Message)));

    /// <summary>A request for more than the caller holds (a key above its own role, clearance, purpose or scopes): 403, each field named.</summary>
    public static ProblemHttpResult BeyondOwnAccess(IEnumerable<ValidationError> errors)
    {
        var stated = errors.Select(e => new StateError(e.Path, e.Message)).ToList();
        return TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Beyond your own access",
            detail: "A credential can hand out at most what it holds. " + Described(stated),
            extensions: new Dictionary<string, object?> { ["errors"] = Listed(stated) });
    }

    public static ProblemHttpResult BadRequest(string title, string detail, string? field = null) => Invalid(title, [new StateError(field ?? "$", detail)]);

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{what} was not found.");

    /// <summary>403 for a part of an object the caller may see but not change (a property); whole objects it may not touch answer 404.</summary>
    public static ProblemHttpResult Forbidden(string detail, string field) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Forbidden",
        detail: detail,
        extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { path = field, message = detail } } });

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult PreconditionFailed(string? detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Version mismatch", detail: detail);

    /// <summary>A reading refused before it reached the twin (bad signature, replay, outside the clock window): the signal says which.</summary>
    public static ProblemHttpResult ReadingRejected(ReadingResult result) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Reading rejected",
        detail: result.Detail,
        extensions: new Dictionary<string, object?> { ["signal"] = result.Findings[0].Kind, ["verdict"] = result.Verdict });

    /// <summary>
    /// A batch of readings the twin stopped taking at reading <paramref name="taken"/>: those before
    /// it are stored (their verdicts in <c>readings</c>), it and the rest are not; each error's path
    /// names the reading.
    /// </summary>
    public static ProblemHttpResult BatchStopped(int taken, IReadOnlyList<StateError> errors, IReadOnlyList<ReadingVerdictDto> readings)
    {
        var located = errors.Select(e => new StateError($"$[{taken}]{e.Path.TrimStart('$')}", e.Message)).ToList();
        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: $"Reading {taken} is not valid for this twin's model",
            detail: StoredPart(taken) + Described(located),
            extensions: new Dictionary<string, object?> { ["taken"] = taken, ["readings"] = readings, ["errors"] = Listed(located) });
    }

    private static string Described(IEnumerable<StateError> errors) => string.Join(" ", errors.Select(e => $"{e.Path}: {e.Message}"));

    /// <summary>The problem's <c>errors</c> member: each error's JSON path and message.</summary>
    private static object[] Listed(IEnumerable<StateError> errors) => [.. errors.Select(e => new { path = e.Path, message = e.Message })];

    private static string StoredPart(int taken) => taken switch
    {
        0 => "No reading was stored. ",
        1 => "Reading 0 was stored; reading 1 and those after it were not. ",
        _ => $"Readings 0 to {taken - 1} were stored; reading {taken} and those after it were not. ",
    };

    /// <summary>A device over its twin's contract rate; it may try again in a second.</summary>
    public static ProblemHttpResult Throttled(HttpContext http, ReadingResult result)
    {
        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Over the contract rate",
            detail: result.Detail,
            extensions: new Dictionary<string, object?> { ["signal"] = "flood" });
    }

    /// <summary>Maps a grain outcome that is a failure to its problem; success outcomes are the caller's to map.</summary>
    public static ProblemHttpResult FromOutcome(TwinResponse response, string what) => response.Outcome switch
    {
        TwinOutcome.NotFound => NotFound(what),
        TwinOutcome.PreconditionFailed => PreconditionFailed(response.Detail),
        TwinOutcome.Conflict => Conflict(response.Detail ?? "The request conflicts with the twin's current state."),
        TwinOutcome.Invalid => Invalid("The request is not valid for this twin's model", response.Errors),
        _ => throw new InvalidOperationException($"Outcome {response.Outcome} is not a failure."),
    };
}
