using Microsoft.Data.Sqlite;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Users;

namespace Mirrorspace.Storage.Sqlite.Users;

/// <summary>
/// The <see cref="IUserStore"/> in the node's SQLite file, through its own write connection: sign-ins
/// are rare, one small transaction each, and must not queue behind the history's group commits.
/// </summary>
public sealed class SqliteUserStore : IUserStore, IAsyncDisposable
{
    private readonly SqliteDatabase _database;

    public SqliteUserStore(SqliteStoreOptions options)
    {
        _database = SqliteDatabase.ForStore(options);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        _database.MigrateAsync(cancellationToken);

    public Task<bool> CreateAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _database.WriteAsync(
            writer => SqliteQuery.Execute(
                writer.Connection,
                UserSqlScripts.Insert,
                ("$tenant_id", user.TenantId),
                ("$username", user.Username),
                ("$password_hash", user.PasswordHash),
                ("$role", user.Role),
                ("$clearance", user.Clearance),
                ("$purpose", user.Purpose),
                ("$totp_secret", user.TotpSecret),
                ("$totp_confirmed", user.TotpConfirmed),
                ("$last_totp_step", user.LastTotpStep),
                ("$failed_attempts", user.FailedAttempts),
                ("$locked_until", user.LockedUntil is { } locked ? Ticks.From(locked) : null),
                ("$created_at", Ticks.From(user.CreatedAt)),
                ("$password_changed_at", user.PasswordChangedAt is { } changed ? Ticks.From(changed) : null),
                ("$disabled_at", user.DisabledAt is { } disabled ? Ticks.From(disabled) : null)) == 1,
            cancellationToken);
    }

    public Task<UserRecord?> GetAsync(string tenantId, string username, CancellationToken cancellationToken) =>
        _database.ReadAsync(
            (connection, ct) => SqliteQuery.SingleAsync(connection, UserSqlScripts.Get, User, ct, ("$tenant_id", tenantId), ("$username", username)),
            cancellationToken);

    public Task<Page<UserRecord>> ListAsync(string tenantId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var limit = Paging.Limit(page);
        return _database.ReadAsync(
            async (connection, ct) => Paging.ToPage(
                await SqliteQuery.ListAsync(
                    connection, UserSqlScripts.List, User, ct,
                    ("$tenant_id", tenantId), ("$after", Paging.After(page)), ("$limit", limit + 1)).ConfigureAwait(false),
                limit,
                u => u.Username),
            cancellationToken);
    }

    public Task<UserRecord?> RecordFailedSignInAsync(
        string tenantId, string username, Func<int, DateTimeOffset?> lockedUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lockedUntil);
        return _database.WriteAsync(
            writer =>
            {
                var connection = writer.Connection;
                using var transaction = connection.BeginTransaction();
                var failures = Scalar(connection, UserSqlScripts.CountFailure, ("$tenant_id", tenantId), ("$username", username));
                if (failures is null)
                {
                    return null;
                }

                var until = lockedUntil((int)failures.Value);
                if (until is not null)
                {
                    SqliteQuery.Execute(connection, UserSqlScripts.SetLock, ("$tenant_id", tenantId), ("$username", username), ("$locked_until", Ticks.From(until.Value)));
                }

                var user = SqliteQuery.Single(connection, UserSqlScripts.Get, User, ("$tenant_id", tenantId), ("$username", username));
                transaction.Commit();
                return user;
            },
            cancellationToken);
    }

    public Task<bool> RecordSignInAsync(
        string tenantId, string username, string verifiedHash, string? rehash, long? totpStep, CancellationToken cancellationToken) =>
        ExecuteAsync(
            UserSqlScripts.RecordSignIn, cancellationToken,
            ("$tenant_id", tenantId), ("$username", username), ("$verified_hash", verifiedHash), ("$rehash", rehash), ("$totp_step", totpStep));

    public Task<bool> SetTotpSecretAsync(string tenantId, string username, string sealedSecret, CancellationToken cancellationToken) =>
        ExecuteAsync(UserSqlScripts.SetTotpSecret, cancellationToken, ("$tenant_id", tenantId), ("$username", username), ("$totp_secret", sealedSecret));

    public Task<bool> ConfirmTotpAsync(string tenantId, string username, string sealedSecret, long totpStep, CancellationToken cancellationToken) =>
        ExecuteAsync(
            UserSqlScripts.ConfirmTotp, cancellationToken,
            ("$tenant_id", tenantId), ("$username", username), ("$totp_secret", sealedSecret), ("$totp_step", totpStep));

    public Task<bool> SetPasswordAsync(string tenantId, string username, string passwordHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        ChangeAndEndSessionsAsync(
            UserSqlScripts.SetPassword, tenantId, username, cancellationToken, ("$password_hash", passwordHash), ("$at", Ticks.From(at)));

    public Task<bool> DisableAsync(string tenantId, string username, DateTimeOffset at, CancellationToken cancellationToken) =>
        ChangeAndEndSessionsAsync(UserSqlScripts.Disable, tenantId, username, cancellationToken, ("$at", Ticks.From(at)));

    public Task CreateSessionAsync(SessionRecord session, SessionPurge purgeBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(purgeBefore);
        return _database.WriteAsync(
            writer =>
            {
                var connection = writer.Connection;
                using var transaction = connection.BeginTransaction();
                SqliteQuery.Execute(
                    connection, UserSqlScripts.PurgeSessions,
                    ("$expires_before", Ticks.From(purgeBefore.ExpiresBefore)), ("$last_seen_before", Ticks.From(purgeBefore.LastSeenBefore)));
                SqliteQuery.Execute(
                    connection,
                    UserSqlScripts.InsertSession,
                    ("$token_hash", session.TokenHash),
                    ("$tenant_id", session.TenantId),
                    ("$username", session.Username),
                    ("$created_at", Ticks.From(session.CreatedAt)),
                    ("$last_seen_at", Ticks.From(session.LastSeenAt)),
                    ("$expires_at", Ticks.From(session.ExpiresAt)),
                    ("$anti_forgery_hash", session.AntiForgeryHash));
                transaction.Commit();
            },
            cancellationToken);
    }

    public Task<SessionRecord?> FindSessionAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        _database.ReadAsync(
            (connection, ct) => SqliteQuery.SingleAsync(connection, UserSqlScripts.FindSession, Session, ct, ("$token_hash", tokenHash)),
            cancellationToken);

    public Task TouchSessionAsync(byte[] tokenHash, DateTimeOffset lastSeenAt, CancellationToken cancellationToken) =>
        ExecuteAsync(UserSqlScripts.TouchSession, cancellationToken, ("$token_hash", tokenHash), ("$last_seen_at", Ticks.From(lastSeenAt)));

    public Task<bool> DeleteSessionAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        ExecuteAsync(UserSqlScripts.DeleteSession, cancellationToken, ("$token_hash", tokenHash));

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private Task<bool> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        _database.WriteAsync(writer => SqliteQuery.Execute(writer.Connection, sql, parameters) == 1, cancellationToken);

    private Task<bool> ChangeAndEndSessionsAsync(
        string sql, string tenantId, string username, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        _database.WriteAsync(
            writer =>
            {
                var connection = writer.Connection;
                using var transaction = connection.BeginTransaction();
                if (SqliteQuery.Execute(connection, sql, [("$tenant_id", tenantId), ("$username", username), .. parameters]) != 1)
                {
                    return false;
                }

                SqliteQuery.Execute(connection, UserSqlScripts.EndSessions, ("$tenant_id", tenantId), ("$username", username));
                transaction.Commit();
                return true;
            },
            cancellationToken);

    private static long? Scalar(SqliteConnection connection, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = SqliteQuery.Create(connection, sql, parameters);
        return command.ExecuteScalar() is long value ? value : null;
    }

    private static UserRecord User(SqliteDataReader row) => new()
    {
        TenantId = row.GetString(0),
        Username = row.GetString(1),
        PasswordHash = row.IsDBNull(2) ? null : row.GetString(2),
        Role = row.GetString(3),
        Clearance = row.GetString(4),
        Purpose = row.IsDBNull(5) ? null : row.GetString(5),
        TotpSecret = row.IsDBNull(6) ? null : row.GetString(6),
        TotpConfirmed = row.GetInt64(7) != 0,
        LastTotpStep = row.IsDBNull(8) ? null : row.GetInt64(8),
        FailedAttempts = row.GetInt32(9),
        LockedUntil = row.IsDBNull(10) ? null : Ticks.ToTimestamp(row.GetInt64(10)),
        CreatedAt = Ticks.ToTimestamp(row.GetInt64(11)),
        PasswordChangedAt = row.IsDBNull(12) ? null : Ticks.ToTimestamp(row.GetInt64(12)),
        DisabledAt = row.IsDBNull(13) ? null : Ticks.ToTimestamp(row.GetInt64(13)),
    };

    private static SessionRecord Session(SqliteDataReader row) => new()
    {
        TokenHash = row.GetFieldValue<byte[]>(0),
        TenantId = row.GetString(1),
        Username = row.GetString(2),
        CreatedAt = Ticks.ToTimestamp(row.GetInt64(3)),
        LastSeenAt = Ticks.ToTimestamp(row.GetInt64(4)),
        ExpiresAt = Ticks.ToTimestamp(row.GetInt64(5)),
        AntiForgeryHash = row.GetFieldValue<byte[]>(6),
    };
}
