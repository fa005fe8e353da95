using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mirrorspace.Security.Audit;
using Mirrorspace.Storage.Audit;

namespace Mirrorspace.Runtime.Audit;

/// <summary>
/// The node's tamper-evident audit log. <see cref="RecordAsync"/> hands an entry to one loop that
/// numbers it, chains it and commits whatever has queued up in one transaction (group commit, as
/// <c>GroupCommitWriter</c> does for twins), then signs a new head over the whole log and
/// rewrites the head file; every <see cref="AuditOptions.CheckpointEvery"/> entries or
/// <see cref="AuditOptions.CheckpointInterval"/>, and on shutdown, that head is also stored as a
/// checkpoint in audit.db. A record is acknowledged once it is durable and covered by the head.
/// </summary>
public sealed partial class AuditLog : IHostedService, IAsyncDisposable
{
    private readonly IAuditStore _store;
    private readonly AuditFiles _files;
    private readonly AuditOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<AuditLog> _logger;
    private readonly Channel<Work> _queue;
    private ECDsa? _key;
    private AuditLogState? _state;
    private Task? _loop;
    private ITimer? _timer;
    private volatile Checkpoint? _head;
    private volatile bool _faulted;

    public AuditLog(IAuditStore store, AuditFiles files, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditLog> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_store, _files, _options, _clock, _logger) = (store, files, options.Value, clock, logger);
        _queue = Channel.CreateBounded<Work>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The newest signed head: every entry up to its tree size is covered; null before the first entry.</summary>
    public Checkpoint? SignedHead => _head;

    /// <summary>The node's public key (SubjectPublicKeyInfo PEM), what third parties verify checkpoints with.</summary>
    public string PublicKeyPem { get; private set; } = string.Empty;

    /// <summary>Records one entry; completes with its sequence number once it is durable and signed over.</summary>
    public async Task<long> RecordAsync(AuditRecord what, CancellationToken cancellationToken)
    {
        var work = new Work(AuditRecords.Clean(what));
        await EnqueueAsync(work, cancellationToken).ConfigureAwait(false);

        // Once queued the entry will be written; cancellation only stops the wait for it.
        return await work.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a checkpoint of everything recorded so far (the timer and shutdown do this on their own).</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        var work = new Work(null);
        await EnqueueAsync(work, cancellationToken).ConfigureAwait(false);
        await work.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        _key = AuditSigningKey.LoadOrCreate(_files);
        PublicKeyPem = _key.ExportSubjectPublicKeyInfoPem();
        _state = await AuditRecovery.LoadAsync(_store, _files, _key, _logger, cancellationToken).ConfigureAwait(false);
        _head = _state.Head;
        if (_state.Size > (_state.Head?.TreeSize ?? 0) && !WriteHead())
        {
            throw new InvalidOperationException($"Cannot write the signed audit head {_files.HeadPath}.");
        }

        var keyId = AuditKeys.KeyId(_key);
        AuditLogMessages.Opened(_logger, _state.Size, _head?.TreeSize ?? 0, keyId);
        _loop = RunAsync();
        _timer = _clock.CreateTimer(_ => _queue.Writer.TryWrite(new Work(null)), null, _options.CheckpointInterval, _options.CheckpointInterval);
    }

    /// <summary>Writes everything already queued, stores a final checkpoint, then stops accepting entries.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // Never started (start failed): nothing will write what was queued, so say so rather than leave callers waiting.
        while (_queue.Reader.TryRead(out var work))
        {
            work.Completion.TrySetException(new InvalidOperationException("The audit log did not start."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _key?.Dispose();
    }

    private async Task EnqueueAsync(Work work, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(work, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new InvalidOperationException("The audit log has stopped.", ex);
        }
    }

    /// <summary>A record to write, or (without one) a request for a checkpoint.</summary>
    private sealed class Work(AuditRecord? record)
    {
        public AuditRecord? Record { get; } = record;

        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
