using Mirrorspace.Storage.Devices;

namespace Mirrorspace.Benchmarks.Infrastructure;

/// <summary>The benchmarks register no signing devices, so no key is ever sealed or opened; one that is would be a setup error.</summary>
internal sealed class NoDeviceKeys : IDeviceKeyCipher
{
    public ValueTask<string> SealAsync(string tenantId, string deviceId, byte[] key, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The benchmark node has no key ring.");

    public ValueTask<byte[]> OpenAsync(string tenantId, string deviceId, string sealedKey, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The benchmark node has no key ring.");
}
