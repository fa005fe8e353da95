using Mirrorspace.Security.Crypto;

namespace Mirrorspace.Security.Tests.Crypto;

public sealed class MasterKeyFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mirrorspace-key-").FullName;

    private string KeyPath => Path.Combine(_directory, MasterKeyFile.DefaultFileName);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void CreateNew_NewPath_WritesAFileOnlyItsOwnerCanRead()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only.");
            return;
        }

        using var sut = MasterKeyFile.CreateNew(KeyPath);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        Assert.Equal(sut.ExportBase64() + "\n", File.ReadAllText(KeyPath));
    }

    [Fact]
    public void CreateNew_FileExists_RefusesAndKeepsIt()
    {
        File.WriteAllText(KeyPath, "the only copy of a key");

        Assert.Throws<MasterKeyException>(() => MasterKeyFile.CreateNew(KeyPath));

        Assert.Equal("the only copy of a key", File.ReadAllText(KeyPath));
    }

    [Fact]
    public void Read_CreatedFile_ReturnsTheSameKey()
    {
        using var created = MasterKeyFile.CreateNew(KeyPath);

        using var sut = MasterKeyFile.Read(KeyPath);

        Assert.Equal(created.ExportBase64(), sut.ExportBase64());
    }

    [Fact]
    public void Read_NoFile_ThrowsMissingNamingThePath()
    {
        var thrown = Assert.Throws<MasterKeyMissingException>(() => MasterKeyFile.Read(KeyPath));

        Assert.Contains(KeyPath, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileAndValue_PrefersTheFile()
    {
        using var fromFile = MasterKeyFile.CreateNew(KeyPath);
        using var other = MasterKey.Generate();

        using var sut = new MasterKeySource { FilePath = KeyPath, Base64Value = other.ExportBase64() }.Load();

        Assert.Equal(fromFile.ExportBase64(), sut.ExportBase64());
    }

    [Fact]
    public void Load_OnlyValue_UsesTheValue()
    {
        using var key = MasterKey.Generate();

        using var sut = new MasterKeySource { Base64Value = key.ExportBase64() }.Load();

        Assert.Equal(key.ExportBase64(), sut.ExportBase64());
    }

    [Fact]
    public void Load_NoSource_ThrowsMissingNamingBothVariables()
    {
        var thrown = Assert.Throws<MasterKeyMissingException>(() => new MasterKeySource().Load());

        Assert.Contains(MasterKeySource.FileVariable, thrown.Message, StringComparison.Ordinal);
        Assert.Contains(MasterKeySource.ValueVariable, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_ValueSource_IsRedacted()
    {
        using var key = MasterKey.Generate();
        var sut = new MasterKeySource { Base64Value = key.ExportBase64() };

        Assert.DoesNotContain(key.ExportBase64(), sut.ToString(), StringComparison.Ordinal);
    }
}
