namespace Mirrorspace.Simulation.Devices;

/// <summary>
/// How a device spaces its publishes: flat out (the next as soon as the last is answered) or at a
/// fixed rate, with the first publish spread over one interval so that many devices do not all
/// publish at the same instant.
/// </summary>
public static class PublishPacing
{
    /// <param name="publishOnce">Publishes one reading and waits for its answer; false when the device cannot go on.</param>
    /// <param name="ratePerSecond">Readings per second for this device; 0 or less is flat out.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Spreading publish times, not a secret.")]
    public static async Task RunAsync(Func<CancellationToken, Task<bool>> publishOnce, double ratePerSecond, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publishOnce);
        try
        {
            if (ratePerSecond <= 0)
            {
                while (!cancellationToken.IsCancellationRequested && await publishOnce(cancellationToken).ConfigureAwait(false))
                {
                }

                return;
            }

            // Due times on the clock rather than a PeriodicTimer: the system timer counts its period in
            // whole milliseconds, so an interval of 5.77 ms ticked every 5 and offered 15% more than asked.
            var interval = TimeSpan.FromSeconds(1 / ratePerSecond);
            var started = time.GetTimestamp();
            var due = interval * Random.Shared.NextDouble();
            while (!cancellationToken.IsCancellationRequested)
            {
                var wait = due - time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }

                if (!await publishOnce(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                // A publish that overran its slots is not made up for with a burst.
                var now = time.GetElapsedTime(started);
                due = due + interval < now ? now : due + interval;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}
