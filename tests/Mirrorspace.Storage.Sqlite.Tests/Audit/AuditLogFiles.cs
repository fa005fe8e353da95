using System.Security.Cryptography;
using Mirrorspace.Security.Audit;

namespace Mirrorspace.Storage.Sqlite.Tests.Audit;

/// <summary>One untouched audit.db per log size, built once for the tamper tests, which each tamper with a copy.</summary>
public sealed class AuditLogFiles : IAsyncLifetime
{
    public static readonly int[] Sizes = [10, 1_000, 10_000];

    private readonly Dictionary<int, AuditLogFile> _files = [];

    public ECDsa Key { get; } = AuditKeys.Create();

    internal AuditLogFile this[int size] => _files[size];

    public async ValueTask InitializeAsync()
    {
        foreach (var size in Sizes)
        {
            _files[size] = await AuditLogFile.CreateAsync(size, Key, CancellationToken.None);
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var file in _files.Values)
        {
            file.Dispose();
        }

        Key.Dispose();
        return ValueTask.CompletedTask;
    }
}
