using System.Security.Cryptography;
using Mirrorspace.Security.Audit;

namespace Mirrorspace.Storage.Audit;

public static class AuditStoreVerification
{
    /// <summary>
    /// Streams the whole log through an <see cref="AuditVerifier"/> with the stored checkpoints and
    /// <paramref name="head"/> (the signed head kept outside the store; null when there is none).
    /// While the next chunk of rows is read, the hashes of the current one are computed on all
    /// cores, then fed to the verifier in order.
    /// </summary>
    public static async Task<AuditVerificationResult> VerifyAsync(
        this IAuditStore store, Checkpoint? head, ECDsa publicKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var checkpoints = await store.ReadCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        var verifier = new AuditVerifier(checkpoints, head, publicKey);
        var previous = AuditChain.Genesis.ToArray();
        var prepared = new PreparedAuditEntry[AuditRowChunks.ChunkSize];
        await foreach (var chunk in AuditRowChunks.ReadAsync(store, 1, long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            var before = previous;
            Parallel.For(0, chunk.Length, i => prepared[i] = PreparedAuditEntry.Prepare(chunk[i], i == 0 ? before : chunk[i - 1].Hash));
            previous = chunk[^1].Hash;
            for (var i = 0; i < chunk.Length; i++)
            {
                if (!verifier.Add(prepared[i]))
                {
                    return verifier.Complete();
                }
            }
        }

        return verifier.Complete();
    }
}
