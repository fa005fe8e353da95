using Mirrorspace.Domain.Common;

namespace Mirrorspace.Domain.Models;

internal static class NameReader
{
    /// <summary>Reads a member name, checking its syntax and that it is not already taken.</summary>
    public static string? Read(DocumentReader reader, System.Text.Json.Nodes.JsonObject item, string path, Func<string, bool> isTaken)
    {
        var name = reader.String(item, path, "name", required: true, maxLength: 64);
        if (name is null)
        {
            return null;
        }

        if (!Identifiers.IsValidName(name))
        {
            reader.Error($"{path}.name", "Must start with a letter and contain only letters, digits and '_' (at most 64).");
            return null;
        }

        if (isTaken(name))
        {
            reader.Error($"{path}.name", $"'{name}' is declared more than once.");
            return null;
        }

        return name;
    }
}
