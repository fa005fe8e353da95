using System.Security.Cryptography;
using System.Text;
using Mirrorspace.Storage.Encryption.Tests.Testing;
using Mirrorspace.Storage.Sqlite.Users;
using Mirrorspace.Storage.Users;
using static Mirrorspace.Storage.Encryption.Tests.Testing.Records;

namespace Mirrorspace.Storage.Encryption.Tests.Users;

/// <summary>
/// A user's TOTP secret is sealed under the tenant key, bound to its user: it is not in the file in
/// clear, a copy in another user's row does not open, and key rotation moves it like every sealed field.
/// </summary>
public sealed class TotpSecretSealingTests : IAsyncLifetime
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("totp-canary-secret-1");
    private readonly TempDataDirectory _directory = new();
    private EncryptedTwinSpace _space = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _space = await Spaces.OpenAsync(_directory, Spaces.NewKey());
        await _space.Store.CreateTenantAsync(Tenant(TenantA), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _space.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Sealed_IsNotInTheFileAndOpensOnlyForItsOwnUser()
    {
        var cipher = new KeyRingTotpSecretCipher(_space.Keys);

        var sealedSecret = await cipher.SealAsync(TenantA, "ada", Secret, Ct);

        Assert.StartsWith("enc:", sealedSecret, StringComparison.Ordinal);
        Assert.Equal(Secret, await cipher.OpenAsync(TenantA, "ada", sealedSecret, Ct));
        await Assert.ThrowsAnyAsync<CryptographicException>(async () => await cipher.OpenAsync(TenantA, "bob", sealedSecret, Ct));
    }

    [Fact]
    public async Task RewrapAsync_MovesTotpSecretsSoTheOlderKeyCanBeRetired()
    {
        await using var users = new SqliteUserStore(_directory.Options);
        var cipher = new KeyRingTotpSecretCipher(_space.Keys);
        await users.CreateAsync(
            new UserRecord
            {
                TenantId = TenantA,
                Username = "ada",
                PasswordHash = "$hash",
                Role = "admin",
                Clearance = "proprietary",
                TotpSecret = await cipher.SealAsync(TenantA, "ada", Secret, Ct),
                CreatedAt = Spaces.BaseTime,
            },
            Ct);
        await _space.Rotation.RotateTenantKeyAsync(TenantA, Ct);

        // The tenant's name and the TOTP secret.
        Assert.Equal(2, (await _space.Rotation.GetUsageAsync(TenantA, Ct))!.CountBelow(2));

        var result = await _space.Rotation.RewrapAsync(TenantA, new RecordingProgress(), Ct);

        Assert.Equal((2, 0), (result.Rewritten, result.Unreadable));
        Assert.Equal(MinimumVersionOutcome.Applied, (await _space.Rotation.SetMinimumDecryptionVersionAsync(TenantA, 2, force: false, Ct)).Outcome);
        var stored = (await users.GetAsync(TenantA, "ada", Ct))!;
        Assert.Equal(Secret, await cipher.OpenAsync(TenantA, "ada", stored.TotpSecret!, Ct));
        var files = Directory.GetFiles(Path.GetDirectoryName(_directory.Options.DatabasePath)!).Select(File.ReadAllBytes);
        Assert.DoesNotContain(files, bytes => bytes.AsSpan().IndexOf(Secret) >= 0);
    }
}
