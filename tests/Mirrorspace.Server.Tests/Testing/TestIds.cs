namespace Mirrorspace.Server.Tests.Testing;

/// <summary>Twin ids unique to one test, so the tests of a class can share a node and a tenant.</summary>
public static class TestIds
{
    public static string Twin(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
