using Mirrorspace.Domain.Integrity;

namespace Mirrorspace.Domain.Tests.Integrity;

public class ExpressionTests
{
    private static readonly Dictionary<string, double?> Values = new() { ["speed"] = 1500, ["voltage"] = 400, ["current"] = 12.5, ["missing"] = null };

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("2 ^ 3 ^ 2", 512)]
    [InlineData("-2 ^ 2", -4)]
    [InlineData("2 ^ -1", 0.5)]
    [InlineData("10 / 4 - 1", 1.5)]
    [InlineData("voltage * current", 5000)]
    [InlineData("2.2e-10 * speed^3", 0.7425)]
    [InlineData("abs(-3) + sqrt(16) + min(1, 2) + max(1, 2)", 10)]
    public void Evaluate_Arithmetic_FollowsPrecedence(string text, double expected)
    {
        var expression = Expression.TryParse(text, out var error);

        Assert.Null(error);
        Assert.Equal(expected, expression!.Evaluate(name => Values.GetValueOrDefault(name))!.Value, precision: 9);
    }

    [Fact]
    public void Evaluate_MissingProperty_IsNull() =>
        Assert.Null(Expression.TryParse("missing * 2", out _)!.Evaluate(name => Values.GetValueOrDefault(name)));

    [Fact]
    public void Evaluate_DivisionByZero_IsNullNotInfinity() =>
        Assert.Null(Expression.TryParse("speed / 0", out _)!.Evaluate(name => Values.GetValueOrDefault(name)));

    [Fact]
    public void Variables_AreThePropertiesRead() =>
        Assert.Equal(["current", "voltage"], Expression.TryParse("voltage * current + 1", out _)!.Variables.Order());

    [Theory]
    [InlineData("System.IO.File.Delete(\"x\")")]
    [InlineData("speed; 1")]
    [InlineData("exec(speed)")]
    [InlineData("1 +")]
    [InlineData("(1 + 2")]
    [InlineData("speed.Length")]
    [InlineData("'text'")]
    [InlineData("")]
    public void TryParse_AnythingButArithmetic_IsRefusedWithAPosition(string text)
    {
        Assert.Null(Expression.TryParse(text, out var error));
        Assert.Contains("position", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TooDeep_IsRefused() =>
        Assert.Null(Expression.TryParse(new string('(', 40) + "1" + new string(')', 40), out _));

    [Fact]
    public void TryParse_TooLong_IsRefused() =>
        Assert.Null(Expression.TryParse(string.Join("+", Enumerable.Repeat("1", 200)), out _));
}
