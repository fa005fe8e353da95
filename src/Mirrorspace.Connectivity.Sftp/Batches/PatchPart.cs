using System.Text.Json.Nodes;

namespace Mirrorspace.Connectivity.Sftp.Batches;

/// <summary>One CSV row of a grouped patch: its line, property and value.</summary>
internal sealed record PatchPart(int Line, string Property, JsonNode? Value);
