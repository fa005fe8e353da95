using System.Text;
using Mirrorspace.Server.Hosting;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Api.Features.Integrity;

/// <summary>
/// A held reading's values and its signal's detail are sealed on disk like the twin's history: a
/// canary speed is readable through the API and found nowhere in the node's files, while the entry's
/// id (stored in clear, as identifiers are) is found, so the scan is shown able to find what is there.
/// </summary>
public sealed class QuarantineAtRestTests(MirrorspaceFactory factory) : IClassFixture<MirrorspaceFactory>
{
    // Not digits alone: hex identifiers on disk could hold a run of digits by chance, never a '.'.
    private const string Canary = "987654.321";

    [Fact]
    public async Task HeldReading_CanarySpeed_NotInAnyFileOfTheDataDirectory()
    {
        using var admin = factory.CreateClient((await factory.TenantAAsync()).AdminKey);
        var (device, id) = await factory.NewHeldReadingAsync(admin, $$"""{"speed":{{Canary}}}""");

        var entry = await admin.QuarantineEntryAsync(id);
        var feed = await admin.GetJsonAsync($"/api/v1/twins/{device.TwinId}/signals");

        Assert.Equal(Canary, entry["values"]?["speed"]?.ToJsonString());
        Assert.Contains(Canary, feed.ToJsonString(), StringComparison.Ordinal);
        Assert.True(FilesContaining(id) > 0, $"The scan should find the entry's id {id}, stored in clear.");
        Assert.Equal(0, FilesContaining(Canary));
    }

    /// <summary>
    /// Every byte of every file under the data directory (database, WAL, audit log), read while the
    /// node runs; but the lock file, empty and held exclusively by the node.
    /// </summary>
    private int FilesContaining(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        var count = 0;
        foreach (var path in Directory.GetFiles(factory.DataDirectory, "*", SearchOption.AllDirectories).Where(p => Path.GetFileName(p) != DataDirectory.LockFileName))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            file.CopyTo(bytes);
            count += bytes.ToArray().AsSpan().IndexOf(needle) >= 0 ? 1 : 0;
        }

        return count;
    }
}
