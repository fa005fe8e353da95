using Mirrorspace.Connectivity.Sftp.Connections;

namespace Mirrorspace.Connectivity.Sftp.Tests.Connections;

public sealed class HostKeyFingerprintTests
{
    [Theory]
    [InlineData("SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og", true)]
    [InlineData("ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og", false)]
    [InlineData("SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Og=", false)]
    [InlineData("SHA256:ohD8VZEXGWo6Ez8GSEJQ9WpafgLFsOfLOtGGQCQo6Oh", false)]
    [InlineData("MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48", false)]
    [InlineData("", false)]
    public void IsValid_OpenSshSha256Form_IsTheOnlyOneAccepted(string value, bool valid) =>
        Assert.Equal(valid, HostKeyFingerprint.IsValid(value));
}
