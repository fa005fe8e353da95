using System.Reflection;
using Microsoft.Data.Sqlite;
using Mirrorspace.Domain.Twins;
using Mirrorspace.Storage.Records;
using Mirrorspace.Storage.Sqlite;

namespace Mirrorspace.Benchmarks.Infrastructure;

/// <summary>
/// Builds history databases for the SQLite benchmarks: the store's own schema (created by
/// <see cref="SqliteTwinSpaceStore.InitializeAsync"/>), one tenant, and a prefilled history so each
/// twin's newest events already sit on pages of their own, as in a node that has been running a
/// while. On an empty table many twins share a page and commits look cheaper than they stay; the
/// per-row cost then rises as the table grows, which made early runs neither stable nor comparable.
/// </summary>
internal static class HistoryDatabase
{
    public const string Tenant = "bench";
    public const string Source = "device:bench";

    /// <summary>Events per twin written before measuring (with 1,000 twins: 200,000 rows).</summary>
    public const int PrefillPerTwin = 200;

    /// <summary>
    /// The store's writer settings, read from its internal <c>ConnectionPragmas.Writer</c> constant so
    /// the baseline follows the store when they change (journal_mode is set on its own first).
    /// </summary>
    public static readonly string WriterPragmas = StorePragmas("Writer");

    /// <summary>
    /// What the store adds for the connection that commits twin writes (<c>ConnectionPragmas.CommitWriter</c>):
    /// no automatic checkpoints, the indexer runs them after each move.
    /// </summary>
    public static readonly string CommitWriterPragmas = StorePragmas("CommitWriter");

    /// <summary>
    /// The history table of the store before the event log and the chunks (WITHOUT ROWID, keyed by
    /// twin and version, with a time index), for the layout experiments that compare against it.
    /// </summary>
    public const string CreateLegacyTwinEvents = """
        CREATE TABLE twin_events (
          tenant_id TEXT NOT NULL REFERENCES tenants (tenant_id),
          twin_id TEXT NOT NULL,
          version INTEGER NOT NULL,
          timestamp INTEGER NOT NULL,
          kind INTEGER NOT NULL,
          payload TEXT NOT NULL,
          source TEXT NOT NULL,
          PRIMARY KEY (tenant_id, twin_id, version)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX twin_events_by_time ON twin_events (tenant_id, twin_id, timestamp);
        """;

    /// <summary>Into the legacy <c>twin_events</c> table (see <see cref="CreateLegacyTwinEvents"/>).</summary>
    public const string InsertIndexedEvent = """
        INSERT INTO twin_events (tenant_id, twin_id, version, timestamp, kind, payload, source)
        VALUES ($tenant_id, $twin_id, $version, $timestamp, $kind, $payload, $source);
        """;

    /// <summary>Same statement as the store's Sql/AppendEvent.sql: into the arrival-ordered event log.</summary>
    public const string InsertLoggedEvent = """
        INSERT INTO twin_event_log (tenant_id, twin_id, version, timestamp, kind, payload, source)
        VALUES ($tenant_id, $twin_id, $version, $timestamp, $kind, $payload, $source);
        """;

    public static readonly long BaseTicks = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    private static readonly string[] ParameterNames = ["$tenant_id", "$twin_id", "$version", "$timestamp", "$kind", "$payload", "$source"];

    public static string TwinId(int index) => $"pump-{index:D5}";

    /// <summary>
    /// Creates the database with the store and writes <paramref name="prefillPerTwin"/> events for
    /// each twin in key order (no fsync): into the event log, then moved by the store's indexer into
    /// its chunks; or, when <paramref name="legacySchema"/> is given, into the legacy table that
    /// script creates.
    /// </summary>
    public static async Task CreateAsync(string path, int twins, int prefillPerTwin, string[] payloads, string? legacySchema = null)
    {
        var store = new SqliteTwinSpaceStore(new SqliteStoreOptions { DatabasePath = path });
        await using (store.ConfigureAwait(false))
        {
            await store.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
            var tenant = new TenantRecord { Id = Tenant, Name = "Benchmark", CreatedAt = new DateTimeOffset(BaseTicks, TimeSpan.Zero) };
            await store.CreateTenantAsync(tenant, CancellationToken.None).ConfigureAwait(false);
        }

        using var connection = Open(path);
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;");
        if (legacySchema is not null)
        {
            Execute(connection, legacySchema);
        }

        using (var transaction = connection.BeginTransaction())
        {
            using var insert = new InsertCommand(connection, legacySchema is null ? InsertLoggedEvent : InsertIndexedEvent);
            insert.Transaction = transaction;
            for (var twin = 0; twin < twins; twin++)
            {
                var twinId = TwinId(twin);
                for (var version = 1; version <= prefillPerTwin; version++)
                {
                    insert.Execute(twinId, version, payloads[version & (payloads.Length - 1)]);
                }
            }

            transaction.Commit();
        }

        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        if (legacySchema is null)
        {
            var indexer = new SqliteTwinSpaceStore(new SqliteStoreOptions { DatabasePath = path });
            await using (indexer.ConfigureAwait(false))
            {
                await indexer.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
                await indexer.IndexHistoryAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A writer connection configured like the store's: WAL, synchronous=FULL and the rest of ConnectionPragmas.</summary>
    public static SqliteConnection OpenWriter(string path, string? extraPragmas = null)
    {
        var connection = Open(path);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL;";
            if (!string.Equals(command.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("SQLite refused WAL.");
            }
        }

        Execute(connection, WriterPragmas + (extraPragmas ?? string.Empty));
        return connection;
    }

    /// <summary>Events in the indexed history and in the event log.</summary>
    public static long CountEvents(string path)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT coalesce(sum(event_count), 0) FROM twin_event_chunks) + (SELECT count(*) FROM twin_event_log);";
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string StorePragmas(string constant) =>
        typeof(SqliteTwinSpaceStore).Assembly.GetType("Mirrorspace.Storage.Sqlite.ConnectionPragmas")
            ?.GetField(constant, BindingFlags.NonPublic | BindingFlags.Static)
            ?.GetRawConstantValue() as string
        ?? throw new InvalidOperationException($"ConnectionPragmas.{constant} was not found; update the benchmark's copy of the writer PRAGMAs.");

    /// <summary>An insert statement (<see cref="InsertIndexedEvent"/> or <see cref="InsertLoggedEvent"/>) prepared once, as the store's PreparedStatement does.</summary>
    public sealed class InsertCommand : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter[] _parameters;

        public InsertCommand(SqliteConnection connection, string sql)
        {
            _command = connection.CreateCommand();
            _command.CommandText = sql;
            _parameters = [.. ParameterNames.Select(name => _command.Parameters.Add(new SqliteParameter { ParameterName = name }))];
            _command.Prepare();
        }

        public SqliteTransaction? Transaction
        {
            set => _command.Transaction = value;
        }

        public void Execute(string twinId, long version, string payload)
        {
            _parameters[0].Value = Tenant;
            _parameters[1].Value = twinId;
            _parameters[2].Value = version;
            _parameters[3].Value = BaseTicks + (version * TimeSpan.TicksPerMillisecond);
            _parameters[4].Value = (long)TwinEventKind.ReportedPatched;
            _parameters[5].Value = payload;
            _parameters[6].Value = Source;
            _command.ExecuteNonQuery();
        }

        public void Dispose() => _command.Dispose();
    }
}
