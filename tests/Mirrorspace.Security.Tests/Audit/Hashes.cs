using System.Security.Cryptography;
using System.Text;

namespace Mirrorspace.Security.Tests.Audit;

/// <summary>The RFC 6962 hashes spelled out with SHA-256 directly, independent of the code under test.</summary>
internal static class Hashes
{
    /// <summary>Leaf data d{i}: the ASCII text "d" followed by the index.</summary>
    public static byte[] Data(int i) => Encoding.ASCII.GetBytes($"d{i}");

    /// <summary>SHA-256(0x00 || d{i}).</summary>
    public static byte[] L(int i) => SHA256.HashData([0x00, .. Data(i)]);

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] H(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    public static byte[][] Leaves(int n) => [.. Enumerable.Range(0, n).Select(L)];

    /// <summary>RFC 6962 §2.1 MTH, recursively, exactly as written.</summary>
    public static byte[] ReferenceRoot(byte[][] leaves)
    {
        if (leaves.Length == 1)
        {
            return leaves[0];
        }

        var k = LargestPowerOfTwoBelow(leaves.Length);
        return H(ReferenceRoot(leaves[..k]), ReferenceRoot(leaves[k..]));
    }

    /// <summary>RFC 6962 §2.1.1 PATH(m, D[n]), recursively, exactly as written.</summary>
    public static List<byte[]> ReferencePath(int m, byte[][] leaves)
    {
        if (leaves.Length == 1)
        {
            return [];
        }

        var k = LargestPowerOfTwoBelow(leaves.Length);
        return m < k
            ? [.. ReferencePath(m, leaves[..k]), ReferenceRoot(leaves[k..])]
            : [.. ReferencePath(m - k, leaves[k..]), ReferenceRoot(leaves[..k])];
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
