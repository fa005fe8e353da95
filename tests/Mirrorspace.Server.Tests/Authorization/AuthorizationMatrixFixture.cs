using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Authorization;

/// <summary>One node for the class; the matrix runs once and both of its tests read the same answers.</summary>
public sealed class AuthorizationMatrixFixture : IAsyncDisposable
{
    private readonly Lazy<Task<MatrixRun>> _run;

    public AuthorizationMatrixFixture() => _run = new(() => MatrixRun.RunAsync(Factory));

    public MirrorspaceFactory Factory { get; } = new();

    public Task<MatrixRun> RunAsync() => _run.Value;

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
