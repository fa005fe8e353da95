using Mirrorspace.Storage.Records;

namespace Mirrorspace.Storage.Sqlite;

internal static class Paging
{
    public static int Limit(PageRequest page) => Math.Clamp(page.Limit, 1, PageRequest.MaxLimit);

    /// <summary>Ids are never empty, so the empty string sorts before every one of them.</summary>
    public static string After(PageRequest page) => page.After ?? string.Empty;

    /// <summary>Callers fetch one row past the limit: its presence is what says another page exists.</summary>
    public static Page<T> ToPage<T>(List<T> rows, int limit, Func<T, string> key)
    {
        if (rows.Count <= limit)
        {
            return new Page<T>(rows, null);
        }

        rows.RemoveRange(limit, rows.Count - limit);
        return new Page<T>(rows, key(rows[^1]));
    }
}
