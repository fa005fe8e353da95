using System.Text.Json;
using Mirrorspace.Security.Audit;

namespace Mirrorspace.Runtime.Audit;

/// <summary>
/// Reads and atomically rewrites <c>audit-head.json</c>: the signed head, rewritten after every
/// committed batch. Because it lives outside the audit table, cutting entries off the end of the
/// log (and the checkpoints that cover them) still leaves a signature vouching for the old length.
/// </summary>
public static class AuditHeadFile
{
    /// <summary>The head, or null when there is no file; <see cref="FormatException"/> when it is not a head.</summary>
    public static SignedHead? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var checkpoint = new Checkpoint
            {
                TreeSize = root.GetProperty("treeSize").GetInt64(),
                RootHash = root.GetProperty("rootHash").GetBytesFromBase64(),
                ChainHead = root.GetProperty("chainHead").GetBytesFromBase64(),
                Timestamp = root.GetProperty("timestamp").GetDateTimeOffset(),
                KeyId = root.GetProperty("keyId").GetString() ?? string.Empty,
                Signature = root.GetProperty("signature").GetBytesFromBase64(),
            };
            var subtrees = root.GetProperty("subtrees").EnumerateArray().Select(e => e.GetBytesFromBase64()).ToList();
            return new SignedHead(checkpoint, subtrees);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"{path} is not a signed audit head.", ex);
        }
    }

    public static void Write(string path, SignedHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        var checkpoint = head.Checkpoint;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("treeSize", checkpoint.TreeSize);
            writer.WriteBase64String("rootHash", checkpoint.RootHash);
            writer.WriteBase64String("chainHead", checkpoint.ChainHead);
            writer.WriteString("timestamp", checkpoint.Timestamp);
            writer.WriteString("keyId", checkpoint.KeyId);
            writer.WriteBase64String("signature", checkpoint.Signature);
            writer.WriteStartArray("subtrees");
            foreach (var subtree in head.Subtrees)
            {
                writer.WriteBase64StringValue(subtree);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        OwnerOnlyFile.Replace(path, buffer.ToArray());
    }
}
