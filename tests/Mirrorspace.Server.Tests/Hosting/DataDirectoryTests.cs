using Mirrorspace.Server.Hosting;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Hosting;

/// <summary>The node keeps its database in <c>Mirrorspace:DataDirectory</c>; the test host removes its directory afterwards.</summary>
public class DataDirectoryTests
{
    [Fact]
    public async Task Node_DataDirectorySetting_KeepsTheDatabaseThereUntilTheHostIsDisposed()
    {
        var factory = new MirrorspaceFactory();
        string directory;
        try
        {
            directory = factory.DataDirectory;
            await factory.CreateTenantAsync();

            Assert.True(File.Exists(Path.Combine(directory, DataDirectory.DatabaseFileName)), "The database belongs in the data directory.");
        }
        finally
        {
            await factory.DisposeAsync();
        }

        Assert.False(Directory.Exists(directory), "The test host must remove its data directory.");
    }
}
