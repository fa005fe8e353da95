namespace Mirrorspace.Domain.Tests.Integrity;

/// <summary>Reproducible sensor streams: Gaussian noise around a level, from a fixed seed.</summary>
internal sealed class SyntheticStreams(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>One reading: <paramref name="level"/> plus Gaussian noise of the given standard deviation (Box–Muller).</summary>
    public double Next(double level, double sigma)
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return level + (sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
