using System.Globalization;

namespace Mirrorspace.Connectivity.Sftp.Import;

/// <summary>
/// The source a batch reading carries into the twin's history: <c>sftp:{connector}:{file}#{line}</c>
/// (<c>#12-14</c> for a group of rows). It names the exact line, which is what lets an interrupted
/// run find out afterwards which of its readings the twins already hold.
/// </summary>
internal sealed class ReadingSources(string connectorId, string fileName)
{
    public string Prefix { get; } = $"sftp:{connectorId}:{fileName}#";

    public string For(string lineLabel) => Prefix + lineLabel;

    public string For(int line) => Prefix + line.ToString(CultureInfo.InvariantCulture);
}
