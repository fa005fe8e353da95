namespace Mirrorspace.Simulation.Devices;

/// <summary>What every simulated run does with its devices as a group.</summary>
public static class Fleet
{
    // Enough handshakes in flight to start hundreds of devices quickly, few enough not to look like a flood to the broker.
    private const int ConnectParallelism = 8;

    /// <summary>Connects every device; null when all are connected, otherwise the first failure's reason.</summary>
    public static async Task<string?> ConnectAsync(IEnumerable<IConnectingDevice> devices, CancellationToken cancellationToken)
    {
        string? failure = null;
        await Parallel.ForEachAsync(
            devices,
            new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = cancellationToken },
            async (device, ct) =>
            {
                if (Volatile.Read(ref failure) is null && await device.ConnectAsync(ct).ConfigureAwait(false) is { } reason)
                {
                    Interlocked.CompareExchange(ref failure, $"device {device.Identity.DeviceId} (twin {device.Identity.TwinId}) cannot connect: {reason}", null);
                }
            }).ConfigureAwait(false);
        return failure;
    }
}
