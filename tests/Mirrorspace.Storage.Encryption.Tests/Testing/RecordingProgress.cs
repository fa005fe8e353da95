namespace Mirrorspace.Storage.Encryption.Tests.Testing;

/// <summary>A synchronous <see cref="IProgress{T}"/> (Progress&lt;T&gt; posts asynchronously) that records every report.</summary>
internal sealed class RecordingProgress(Action<RewrapProgress>? onReport = null) : IProgress<RewrapProgress>
{
    public List<RewrapProgress> Reports { get; } = [];

    public void Report(RewrapProgress value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}
