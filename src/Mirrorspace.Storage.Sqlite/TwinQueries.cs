using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Sqlite;

internal static class TwinQueries
{
    public static Task<TwinRecord?> GetAsync(SqliteConnection connection, string tenantId, string twinId, CancellationToken cancellationToken) =>
        SqliteQuery.SingleAsync(
            connection,
            SqlScripts.GetTwin,
            Rows.Twin,
            cancellationToken,
            ("$tenant_id", tenantId),
            ("$twin_id", twinId));

    public static async Task<Page<TwinRecord>> ListAsync(
        SqliteConnection connection,
        string tenantId,
        PageRequest page,
        CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(page);
        var rows = await SqliteQuery.ListAsync(
            connection,
            SqlScripts.ListTwins,
            Rows.Twin,
            cancellationToken,
            ("$tenant_id", tenantId),
            ("$after", Paging.After(page)),
            ("$limit", limit + 1)).ConfigureAwait(false);
        return Paging.ToPage(rows, limit, twin => twin.TwinId);
    }

    public static async Task<IReadOnlyList<RelationshipRecord>> ListRelationshipsAsync(
        SqliteConnection connection,
        string tenantId,
        string sourceId,
        CancellationToken cancellationToken) =>
        await SqliteQuery.ListAsync(
            connection,
            SqlScripts.ListRelationships,
            Rows.Relationship,
            cancellationToken,
            ("$tenant_id", tenantId),
            ("$source_id", sourceId)).ConfigureAwait(false);
}
