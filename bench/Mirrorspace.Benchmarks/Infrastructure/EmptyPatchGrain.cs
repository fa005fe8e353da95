using Mirrorspace.Domain.Twins;
using Mirrorspace.Runtime.Twins;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Writes;

namespace Mirrorspace.Benchmarks.Infrastructure;

/// <summary>
/// A grain with <see cref="ITwinGrain.PatchAsync"/>'s exact signature that does no work: calling it
/// measures what one Orleans call costs on its own (arguments, messaging, scheduling, response).
/// </summary>
[Alias("Mirrorspace.Benchmarks.IEmptyPatchGrain")]
public interface IEmptyPatchGrain : IGrainWithStringKey
{
    [Alias("Patch")]
    Task<TwinResponse> PatchAsync(TwinSide side, string patchJson, long? expectedVersion, string source, bool returnTwin);
}

internal sealed class EmptyPatchGrain : Grain, IEmptyPatchGrain
{
    private long _version;

    public Task<TwinResponse> PatchAsync(TwinSide side, string patchJson, long? expectedVersion, string source, bool returnTwin) =>
        Task.FromResult(new TwinResponse { Outcome = TwinOutcome.Ok, Version = ++_version });
}

/// <summary>
/// A grain with the same signature that builds the history write and awaits the group-commit
/// writer, as <c>TwinGrain</c> does, but does no JSON, validation or state work: Orleans plus the
/// durable-acknowledgement wait, without the domain.
/// </summary>
[Alias("Mirrorspace.Benchmarks.ICommitOnlyPatchGrain")]
public interface ICommitOnlyPatchGrain : IGrainWithStringKey
{
    [Alias("Patch")]
    Task<TwinResponse> PatchAsync(TwinSide side, string patchJson, long? expectedVersion, string source, bool returnTwin);
}

internal sealed class CommitOnlyPatchGrain(GroupCommitWriter writer, TimeProvider clock) : Grain, ICommitOnlyPatchGrain
{
    private long _version;

    public async Task<TwinResponse> PatchAsync(TwinSide side, string patchJson, long? expectedVersion, string source, bool returnTwin)
    {
        var (tenant, twin) = TwinGrainKey.Parse(this.GetPrimaryKeyString());
        var change = new TwinEvent { Version = ++_version, Timestamp = clock.GetUtcNow(), Kind = TwinEventKind.ReportedPatched, Payload = patchJson, Source = source };
        await writer.WriteAsync(new List<TwinWrite>(2) { new AppendEvent(tenant, twin, change) }, CancellationToken.None);
        return new TwinResponse { Outcome = TwinOutcome.Ok, Version = _version };
    }
}
