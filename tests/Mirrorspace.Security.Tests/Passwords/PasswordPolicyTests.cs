using Mirrorspace.Security.Passwords;

namespace Mirrorspace.Security.Tests.Passwords;

public sealed class PasswordPolicyTests
{
    [Fact]
    public void Check_GoodPassword_HasNoProblem()
    {
        Assert.Empty(PasswordPolicy.Check("blue-heron-lantern-42", "marta"));
    }

    [Fact]
    public void Check_EveryBrokenRule_IsReportedAtOnce()
    {
        Assert.Equal(
            ["Must be at least 12 characters long.", "Must not be the username.", "Is one of the most common passwords; choose another."],
            PasswordPolicy.Check("Password", "password"));
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("QWERTY123456")]
    [InlineData("123456789012")]
    [InlineData("correcthorsebatterystaple")]
    public void Check_CommonPassword_IsRefusedWhateverItsCase(string password)
    {
        Assert.Equal(["Is one of the most common passwords; choose another."], PasswordPolicy.Check(password, "someone"));
    }

    [Fact]
    public void Check_ContainsTheUsername_IsRefused()
    {
        Assert.Equal(["Must not contain the username."], PasswordPolicy.Check("xx-MARTA-rules-the-plant", "marta"));
    }

    [Fact]
    public void Check_Lengths_CountCharactersNotBytes()
    {
        Assert.Equal(["Must be at least 12 characters long."], PasswordPolicy.Check("ééééééééééé", "x1"));
        Assert.Empty(PasswordPolicy.Check(new string('é', 12), "x1"));
        Assert.Empty(PasswordPolicy.Check(string.Concat(Enumerable.Repeat("ab1-", 64)), "x1"));
        Assert.Equal(["Must be at most 256 characters long."], PasswordPolicy.Check(string.Concat(Enumerable.Repeat("ab1-", 64)) + "z", "x1"));
    }
}
