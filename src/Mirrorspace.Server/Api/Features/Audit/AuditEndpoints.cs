using Microsoft.AspNetCore.Http.HttpResults;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Auth;
using Mirrorspace.Storage.Audit;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Server.Api.Features.Audit;

/// <summary>
/// The caller's tenant's audit entries and their inclusion proofs. Admin only until the
/// <c>auditor</c> role exists. The log is one chain over every tenant, so a tenant cannot
/// chain-verify its own filtered listing; it proves single entries with the inclusion proof.
/// </summary>
internal static class AuditEndpoints
{
    public const int DefaultLimit = 100;

    public static void MapAuditEndpoints(this IEndpointRouteBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Policies.ReadAudit);
        audit.MapGet("/", ListAsync).WithSummary("The tenant's audit entries in log order, from a sequence number on");
        audit.MapGet("/{sequence:long}/proof", ProveAsync)
            .WithSummary("An inclusion proof of one entry against the latest signed checkpoint, with the node's public key");
    }

    private static async Task<Results<Ok<PageDto<AuditEntryDto>>, ProblemHttpResult>> ListAsync(
        long? from, int? limit, HttpContext http, IAuditStore store, CancellationToken cancellationToken)
    {
        var first = from ?? 1;
        var count = limit ?? DefaultLimit;
        if (first < 1)
        {
            return Problems.BadRequest("Invalid paging", "from must be a sequence number of 1 or more.", "from");
        }

        if (count is < 1 or > PageRequest.MaxLimit)
        {
            return Problems.BadRequest("Invalid paging", $"limit must be between 1 and {PageRequest.MaxLimit}.", "limit");
        }

        var tenantId = CallerContext.From(http.User).TenantId;
        var rows = await store.ListTenantAsync(tenantId, first, count + 1, cancellationToken);
        var page = rows.Take(count).Select(AuditEntryDto.From).ToList();
        var next = rows.Count > count ? rows[count].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new PageDto<AuditEntryDto>(page, next));
    }

    private static async Task<Results<Ok<AuditProofDto>, ProblemHttpResult>> ProveAsync(
        long sequence, HttpContext http, IAuditStore store, AuditLog log, CancellationToken cancellationToken)
    {
        var tenantId = CallerContext.From(http.User).TenantId;
        var entry = await store.GetAsync(sequence, cancellationToken);
        if (entry is null || !string.Equals(entry.Entry.TenantId, tenantId, StringComparison.Ordinal))
        {
            // Another tenant's entry is as absent as a missing one.
            return Problems.NotFound($"Audit entry {sequence}");
        }

        if (log.SignedHead is not { } head || head.TreeSize < sequence)
        {
            return Problems.Conflict($"Audit entry {sequence} is not yet covered by a signed checkpoint; retry shortly.");
        }

        var proof = await store.ProveAsync(sequence, head, cancellationToken)
            ?? throw new InvalidOperationException($"Audit entry {sequence} vanished while its proof was built.");
        if (!proof.Verifies())
        {
            throw new InvalidOperationException("The audit log does not match its signed head; run 'mirrorspace audit verify'.");
        }

        return TypedResults.Ok(new AuditProofDto(
            AuditEntryDto.From(proof.Entry),
            proof.Leaf,
            proof.LeafIndex,
            proof.Path,
            AuditCheckpointDto.From(proof.Checkpoint),
            log.PublicKeyPem));
    }
}
