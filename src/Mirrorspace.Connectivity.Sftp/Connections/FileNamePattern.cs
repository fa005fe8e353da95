using System.IO.Enumeration;

namespace Mirrorspace.Connectivity.Sftp.Connections;

/// <summary>A connector's file glob: <c>*</c> for any run of characters, <c>?</c> for one; case-sensitive, as remote file systems usually are.</summary>
internal static class FileNamePattern
{
    public static bool IsValid(string? pattern) =>
        !string.IsNullOrWhiteSpace(pattern) && pattern.Length <= 256 && !pattern.Contains('/', StringComparison.Ordinal) && !pattern.Contains('\\', StringComparison.Ordinal);

    public static bool Matches(string pattern, string name) => FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: false);
}
