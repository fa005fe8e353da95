namespace Mirrorspace.Connectivity.Sftp.Definitions;

/// <summary>One problem with a connector definition: the JSON path of the field and what is wrong. Never quotes a secret.</summary>
public sealed record DefinitionError(string Path, string Message);
