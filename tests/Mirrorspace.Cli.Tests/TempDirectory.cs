namespace Mirrorspace.Cli.Tests;

internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mirrorspace-cli-" + Guid.NewGuid().ToString("N"));

    public string Data => System.IO.Path.Combine(Path, "data");

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
