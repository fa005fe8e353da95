using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Server.Api.Common;

internal static class Paging
{
    public const int DefaultLimit = 100;

    public static (PageRequest? Page, ProblemHttpResult? Problem) Read(int? limit, string? after)
    {
        var value = limit ?? DefaultLimit;
        return value is < 1 or > PageRequest.MaxLimit
            ? (null, Problems.BadRequest("Invalid paging", $"limit must be between 1 and {PageRequest.MaxLimit}.", "limit"))
            : (new PageRequest(value, after), null);
    }
}
