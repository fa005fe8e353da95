namespace Mirrorspace.Storage.Encryption;

/// <summary>
/// A store opened with encryption at rest: the decorated <see cref="Store"/> to register as
/// <see cref="ITwinSpaceStore"/>, the <see cref="Keys"/> for subject-level encryption and erasure,
/// and <see cref="Rotation"/> for key administration. Disposing it disposes everything it was
/// opened with, the master key included.
/// </summary>
public sealed class EncryptedTwinSpace : IAsyncDisposable
{
    private readonly EncryptingTwinSpaceStore _store;
    private readonly IReadOnlyList<object> _owned;

    internal EncryptedTwinSpace(EncryptingTwinSpaceStore store, KeyRing keys, KeyRotation rotation, IReadOnlyList<object> owned)
    {
        _store = store;
        _owned = owned;
        Keys = keys;
        Rotation = rotation;
    }

    public ITwinSpaceStore Store => _store;

    public KeyRing Keys { get; }

    public KeyRotation Rotation { get; }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync().ConfigureAwait(false);
        foreach (var owned in _owned)
        {
            switch (owned)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }

        Keys.Dispose();
    }
}
