using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Users;

namespace Mirrorspace.Storage.Conformance;

/// <summary>
/// The documented behaviour of <see cref="IUserStore"/>, run against every implementation: users per
/// tenant, sign-in bookkeeping that neither loses a failure nor lets one TOTP step pass twice, and
/// sessions that end with a password change or deletion.
/// </summary>
public abstract class UserStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private IUserStore? _store;

    protected IUserStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await CleanupStoreAsync(_store);
            _store = null;
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A new, empty store; the suite calls <see cref="IUserStore.InitializeAsync"/> itself.</summary>
    protected abstract Task<IUserStore> CreateStoreAsync();

    protected virtual async ValueTask CleanupStoreAsync(IUserStore store)
    {
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    [Fact]
    public async Task Create_SameNameInOneTenant_IsRefusedButFreeInAnother()
    {
        Assert.True(await Store.CreateAsync(User("tenant-a", "ada"), Ct));

        Assert.False(await Store.CreateAsync(User("tenant-a", "ada") with { Role = "admin" }, Ct));
        Assert.True(await Store.CreateAsync(User("tenant-b", "ada"), Ct));
        Assert.Equal("viewer", (await Store.GetAsync("tenant-a", "ada", Ct))!.Role);
        Assert.Null(await Store.GetAsync("tenant-c", "ada", Ct));
    }

    [Fact]
    public async Task Get_ReturnsEveryFieldAsStored()
    {
        var user = User("tenant-a", "ada") with
        {
            Purpose = "care", TotpSecret = "enc:sealed", TotpConfirmed = true, LastTotpStep = 42, FailedAttempts = 2,
            LockedUntil = Now.AddMinutes(1), PasswordChangedAt = Now.AddDays(-1),
        };
        Assert.True(await Store.CreateAsync(user, Ct));

        Assert.Equal(user, await Store.GetAsync("tenant-a", "ada", Ct));
    }

    [Fact]
    public async Task List_PagesByNameWithinTheTenant()
    {
        foreach (var name in new[] { "c", "a", "b" })
        {
            Assert.True(await Store.CreateAsync(User("tenant-a", name), Ct));
        }

        Assert.True(await Store.CreateAsync(User("tenant-b", "z"), Ct));

        var first = await Store.ListAsync("tenant-a", new PageRequest(2), Ct);
        var second = await Store.ListAsync("tenant-a", new PageRequest(2, first.NextAfter), Ct);

        Assert.Equal(["a", "b"], first.Items.Select(u => u.Username));
        Assert.Equal(["c"], second.Items.Select(u => u.Username));
        Assert.Null(second.NextAfter);
    }

    [Fact]
    public async Task RecordFailedSignIn_CountsEveryFailureEvenInParallelAndSetsTheLock()
    {
        Assert.True(await Store.CreateAsync(User("tenant-a", "ada"), Ct));

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Store.RecordFailedSignInAsync(
            "tenant-a", "ada", failures => failures >= 5 ? Now.AddMinutes(failures) : null, Ct)));

        var user = await Store.GetAsync("tenant-a", "ada", Ct);
        Assert.Equal(6, user!.FailedAttempts);
        Assert.Equal(Now.AddMinutes(6), user.LockedUntil);
        Assert.Null(await Store.RecordFailedSignInAsync("tenant-a", "nobody", _ => null, Ct));
    }

    [Fact]
    public async Task RecordSignIn_ClearsFailuresRehashesAndTakesEachTotpStepOnce()
    {
        Assert.True(await Store.CreateAsync(User("tenant-a", "ada") with { FailedAttempts = 3, LockedUntil = Now, TotpSecret = "enc:s" }, Ct));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Store.RecordSignInAsync("tenant-a", "ada", "$hash", "$rehash", 100, Ct)));

        Assert.Equal(1, results.Count(r => r));
        var user = await Store.GetAsync("tenant-a", "ada", Ct);
        Assert.Equal((0, null, "$rehash", 100L, true), (user!.FailedAttempts, user.LockedUntil, user.PasswordHash, user.LastTotpStep, user.TotpConfirmed));
        Assert.False(await Store.RecordSignInAsync("tenant-a", "ada", "$rehash", null, 99, Ct));
        Assert.True(await Store.RecordSignInAsync("tenant-a", "ada", "$rehash", null, 101, Ct));
        Assert.True(await Store.RecordSignInAsync("tenant-a", "ada", "$rehash", null, null, Ct));
    }

    [Fact]
    public async Task RecordSignIn_AfterThePasswordChanged_ChangesNothing()
    {
        Assert.True(await Store.CreateAsync(User("tenant-a", "ada") with { FailedAttempts = 3 }, Ct));
        Assert.True(await Store.SetPasswordAsync("tenant-a", "ada", "$new", Now, Ct));

        Assert.False(await Store.RecordSignInAsync("tenant-a", "ada", "$hash", "$rehash", null, Ct));
        Assert.Equal("$new", (await Store.GetAsync("tenant-a", "ada", Ct))!.PasswordHash);
    }

    [Fact]
    public async Task Totp_NewSecretIsPendingAndConfirmsOnlyForThatSecretAndALaterStep()
    {
        Assert.True(await Store.CreateAsync(User("tenant-a", "ada") with { TotpSecret = "enc:old", TotpConfirmed = true, LastTotpStep = 50 }, Ct));

        Assert.True(await Store.SetTotpSecretAsync("tenant-a", "ada", "enc:new", Ct));
        var pending = await Store.GetAsync("tenant-a", "ada", Ct);
        Assert.Equal(("enc:new", false, (long?)null), (pending!.TotpSecret, pending.TotpConfirmed, pending.LastTotpStep));
        Assert.False(await Store.ConfirmTotpAsync("tenant-a", "ada", "enc:old", 60, Ct));
        Assert.True(await Store.ConfirmTotpAsync("tenant-a", "ada", "enc:new", 60, Ct));
        Assert.False(await Store.ConfirmTotpAsync("tenant-a", "ada", "enc:new", 60, Ct));
        Assert.True((await Store.GetAsync("tenant-a", "ada", Ct))!.TotpConfirmed);
        Assert.False(await Store.SetTotpSecretAsync("tenant-a", "nobody", "enc:x", Ct));
    }

    [Fact]
    public async Task SetPassword_EndsEverySessionOfTheUserOnly()
    {
        Assert.True(await Store.CreateAsync(User("tenant-a", "ada"), Ct));
        Assert.True(await Store.CreateAsync(User("tenant-a", "bob"), Ct));
        await Store.CreateSessionAsync(Session("tenant-a", "ada", 1), Purge, Ct);
        await Store.CreateSessionAsync(Session("tenant-a", "ada", 2), Purge, Ct);
        await Store.CreateSessionAsync(Session("tenant-a", "bob", 3), Purge, Ct);

        Assert.True(await Store.SetPasswordAsync("tenant-a", "ada", "$new", Now, Ct));

        Assert.Null(await Store.FindSessionAsync(Hash(1), Ct));
        Assert.Null(await Store.FindSessionAsync(Hash(2), Ct));
        Assert.NotNull(await Store.FindSessionAsync(Hash(3), Ct));
        var user = await Store.GetAsync("tenant-a", "ada", Ct);
        Assert.Equal(("$new", Now), (user!.PasswordHash, user.PasswordChangedAt));
    }

    [Fact]
    public async Task Disable_WipesSecretsEndsSessionsAndKeepsTheName()
    {
        Assert.True(await Store.CreateAsync(User("tenant-a", "ada") with { TotpSecret = "enc:s", TotpConfirmed = true }, Ct));
        await Store.CreateSessionAsync(Session("tenant-a", "ada", 1), Purge, Ct);

        Assert.True(await Store.DisableAsync("tenant-a", "ada", Now, Ct));

        var user = await Store.GetAsync("tenant-a", "ada", Ct);
        Assert.Equal((Now, (string?)null, (string?)null, false), (user!.DisabledAt, user.PasswordHash, user.TotpSecret, user.TotpConfirmed));
        Assert.Null(await Store.FindSessionAsync(Hash(1), Ct));
        Assert.False(await Store.DisableAsync("tenant-a", "ada", Now, Ct));
        Assert.False(await Store.SetPasswordAsync("tenant-a", "ada", "$x", Now, Ct));
        Assert.False(await Store.CreateAsync(User("tenant-a", "ada"), Ct));
    }

    [Fact]
    public async Task Sessions_FindTouchDeleteAndPurgeTheOnesPastTheirLimits()
    {
        var session = Session("tenant-a", "ada", 1);
        await Store.CreateSessionAsync(session, Purge, Ct);

        Assert.Equal(session, await Store.FindSessionAsync(Hash(1), Ct), SessionComparer.Instance);
        await Store.TouchSessionAsync(Hash(1), Now.AddMinutes(5), Ct);
        await Store.TouchSessionAsync(Hash(1), Now.AddMinutes(2), Ct);
        Assert.Equal(Now.AddMinutes(5), (await Store.FindSessionAsync(Hash(1), Ct))!.LastSeenAt);

        // A later session's purge removes the ones idle or past their end.
        await Store.CreateSessionAsync(Session("tenant-a", "ada", 2), new SessionPurge(Now.AddHours(1), Now.AddMinutes(6)), Ct);
        Assert.Null(await Store.FindSessionAsync(Hash(1), Ct));
        Assert.True(await Store.DeleteSessionAsync(Hash(2), Ct));
        Assert.False(await Store.DeleteSessionAsync(Hash(2), Ct));
    }

    private static SessionPurge Purge => new(Now.AddYears(-1), Now.AddYears(-1));

    private static UserRecord User(string tenant, string name) => new()
    {
        TenantId = tenant,
        Username = name,
        PasswordHash = "$hash",
        Role = "viewer",
        Clearance = "proprietary",
        CreatedAt = Now,
    };

    private static byte[] Hash(byte seed) => [.. Enumerable.Repeat(seed, 32)];

    private static SessionRecord Session(string tenant, string name, byte seed) => new()
    {
        TokenHash = Hash(seed),
        TenantId = tenant,
        Username = name,
        CreatedAt = Now,
        LastSeenAt = Now,
        ExpiresAt = Now.AddHours(12),
        AntiForgeryHash = Hash((byte)(seed + 100)),
    };

    private sealed class SessionComparer : IEqualityComparer<SessionRecord?>
    {
        public static SessionComparer Instance { get; } = new();

        public bool Equals(SessionRecord? x, SessionRecord? y) =>
            x is not null && y is not null && x.TokenHash.SequenceEqual(y.TokenHash) && x.AntiForgeryHash.SequenceEqual(y.AntiForgeryHash)
            && (x.TenantId, x.Username, x.CreatedAt, x.LastSeenAt, x.ExpiresAt) == (y.TenantId, y.Username, y.CreatedAt, y.LastSeenAt, y.ExpiresAt);

        public int GetHashCode(SessionRecord? obj) => obj?.Username.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
