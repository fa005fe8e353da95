using System.Globalization;
using System.Text.Json.Nodes;

namespace Mirrorspace.Connectivity.Sftp.Batches;

/// <summary>
/// A merge patch of one twin's reported state from lines <see cref="BatchEntry.Line"/> to
/// <see cref="LastLine"/>. A CSV group keeps its <see cref="Parts"/> (one per row), so a refused group
/// can be retried row by row and each row gets its own verdict; a JSON line has none.
/// </summary>
internal sealed record PatchEntry(int Line, int LastLine, string TwinId, JsonObject Patch, IReadOnlyList<PatchPart> Parts) : BatchEntry(Line)
{
    /// <summary>How many file rows the entry stands for.</summary>
    public int RowCount => Parts.Count == 0 ? 1 : Parts.Count;

    /// <summary>The line label in a reading's source: <c>12</c>, or <c>12-14</c> for a group of rows.</summary>
    public string LineLabel => LastLine == Line
        ? Line.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Line}-{LastLine}");
}
