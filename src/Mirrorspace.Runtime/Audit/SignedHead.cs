using Mirrorspace.Security.Audit;

namespace Mirrorspace.Runtime.Audit;

/// <summary>
/// The latest signed checkpoint, kept outside audit.db, with the perfect-subtree hashes of the
/// tree at its size (unsigned, but they must fold to the signed root) so a restart can resume the
/// tree without rehashing the log.
/// </summary>
public sealed record SignedHead(Checkpoint Checkpoint, IReadOnlyList<byte[]> Subtrees);
