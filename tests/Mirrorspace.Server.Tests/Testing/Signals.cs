using System.Diagnostics;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>
/// Waiting on signals, never on fixed delays. The deadline only turns a hang into a failure that says
/// what was expected; it is generous because CI machines are slow, and no test measures speed with it.
/// </summary>
public static class Signals
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    public static async Task<T> WithinDeadlineAsync<T>(this Task<T> task, string expectation)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            return await task.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail(TimedOut(expectation));
            throw;
        }
    }

    public static async Task WithinDeadlineAsync(this Task task, string expectation)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            await task.WaitAsync(Deadline, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail(TimedOut(expectation));
            throw;
        }
    }

    /// <summary>Runs an operation that takes a cancellation token, cancelled at the deadline.</summary>
    public static async Task<T> WithinDeadlineAsync<T>(Func<CancellationToken, Task<T>> operation, string expectation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            return await operation(deadline.Token);
        }
        catch (Exception) when (deadline.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail(TimedOut(expectation));
            throw;
        }
    }

    /// <summary>Asks until the condition holds, for state the node shows only when asked (counters, connection lists).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string expectation)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > Deadline)
            {
                Assert.Fail(TimedOut(expectation));
            }

            await Task.Delay(PollInterval, TestContext.Current.CancellationToken);
        }
    }

    private static string TimedOut(string expectation) => $"Waited {Deadline.TotalSeconds:0} s for {expectation}.";
}
