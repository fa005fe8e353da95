namespace Mirrorspace.Cli.Tests;

/// <summary>Waits for a condition on a running process (polling its API), failing with what was expected when it never holds.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string expectation, int timeoutSeconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (!await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected within {timeoutSeconds} s: {expectation}");
            }
        }
    }
}
