namespace Mirrorspace.Domain.Integrity;

/// <summary>
/// A relation between properties the model declares: <see cref="Property"/> should equal
/// <see cref="Expected"/> within <c>max(relative · |expected|, absolute)</c>. Checked only when every
/// property involved has a numeric value, so a missing reading is never mistaken for a contradiction.
/// </summary>
public sealed record ConsistencyRule(string Property, Expression Expected, double RelativeTolerance, double AbsoluteTolerance)
{
    public IntegritySignal Check(Func<string, double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values(Property) is not { } actual || Expected.Evaluate(values) is not { } expected)
        {
            return IntegritySignal.None;
        }

        var allowed = Math.Max(RelativeTolerance * Math.Abs(expected), AbsoluteTolerance);
        return Math.Abs(actual - expected) > allowed ? IntegritySignal.Inconsistent : IntegritySignal.None;
    }
}
