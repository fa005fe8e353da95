namespace Mirrorspace.Server.Tests.Testing;

/// <summary>Ids unique to one test, so the tests of a class can share a node and a tenant.</summary>
public static class TestIds
{
    public static string Twin(string prefix) => Unique(prefix);

    /// <summary>A model id no other test publishes.</summary>
    public static string Model(string prefix) => Unique(prefix);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
