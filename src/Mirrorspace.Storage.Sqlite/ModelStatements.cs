using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Sqlite;

internal static class ModelStatements
{
    public static ModelSaveOutcome Save(SqliteConnection connection, StoredModel model)
    {
        var inserted = SqliteQuery.Execute(
            connection,
            SqlScripts.InsertModel,
            ("$tenant_id", model.TenantId),
            ("$model_id", model.ModelId),
            ("$version", model.Version),
            ("$document", model.Document),
            ("$created_at", Ticks.From(model.CreatedAt)));
        if (inserted == 1)
        {
            return ModelSaveOutcome.Created;
        }

        // Versions are never updated or deleted, so the row that blocked the insert is still there.
        var existing = SqliteQuery.Single(
            connection,
            SqlScripts.GetModel,
            Rows.Model,
            ("$tenant_id", model.TenantId),
            ("$model_id", model.ModelId),
            ("$version", model.Version));
        return string.Equals(existing?.Document, model.Document, StringComparison.Ordinal)
            ? ModelSaveOutcome.Unchanged
            : ModelSaveOutcome.VersionConflict;
    }

    public static Task<StoredModel?> GetAsync(
        SqliteConnection connection,
        string tenantId,
        string modelId,
        int? version,
        CancellationToken cancellationToken) =>
        version is { } exact
            ? SqliteQuery.SingleAsync(
                connection,
                SqlScripts.GetModel,
                Rows.Model,
                cancellationToken,
                ("$tenant_id", tenantId),
                ("$model_id", modelId),
                ("$version", exact))
            : SqliteQuery.SingleAsync(
                connection,
                SqlScripts.GetLatestModel,
                Rows.Model,
                cancellationToken,
                ("$tenant_id", tenantId),
                ("$model_id", modelId));

    public static async Task<Page<StoredModel>> ListAsync(
        SqliteConnection connection,
        string tenantId,
        PageRequest page,
        CancellationToken cancellationToken)
    {
        var limit = Paging.Limit(page);
        var rows = await SqliteQuery.ListAsync(
            connection,
            SqlScripts.ListModels,
            Rows.Model,
            cancellationToken,
            ("$tenant_id", tenantId),
            ("$after", Paging.After(page)),
            ("$limit", limit + 1)).ConfigureAwait(false);
        return Paging.ToPage(rows, limit, model => model.ModelId);
    }
}
