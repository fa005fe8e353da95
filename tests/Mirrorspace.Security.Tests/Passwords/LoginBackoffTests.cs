using Mirrorspace.Security.Passwords;

namespace Mirrorspace.Security.Tests.Passwords;

public sealed class LoginBackoffTests
{
    [Theory]
    [InlineData(0, null)]
    [InlineData(4, null)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(7, 4)]
    [InlineData(10, 32)]
    [InlineData(11, 60)]
    [InlineData(12, 60)]
    [InlineData(int.MaxValue, 60)]
    public void LockFor_DoublesFromAMinuteAfterFiveFailuresUpToAnHour(int failures, int? minutes)
    {
        Assert.Equal(minutes is null ? null : TimeSpan.FromMinutes(minutes.Value), LoginBackoff.LockFor(failures));
    }
}
