using Microsoft.Extensions.Time.Testing;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Storage.Sqlite.Keys;

namespace Mirrorspace.Storage.Encryption.Tests.Testing;

/// <summary>Opens encrypted spaces over a temp directory. Keys travel as base64 because each opened space owns (and disposes) its key.</summary>
internal static class Spaces
{
    public static readonly DateTimeOffset BaseTime = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(BaseTime);

    public static string NewKey()
    {
        using var key = MasterKey.Generate();
        return key.ExportBase64();
    }

    public static async Task<EncryptedTwinSpace> OpenAsync(TempDataDirectory directory, string masterKey)
    {
        var key = MasterKey.FromBase64(masterKey);
        try
        {
            return await SqliteEncryption.OpenAsync(directory.Options, key, Clock(), TestContext.Current.CancellationToken);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
