using System.Security.Cryptography;

namespace Mirrorspace.Security.Crypto;

/// <summary>
/// Random nonces from the OS CSPRNG, fetched 4 KiB at a time per thread. A call into the CSPRNG
/// costs about as much as sealing a short record; nonces need to be unique and unpredictable, not
/// fetched one by one. Each thread owns its buffer and every byte is handed out once.
/// </summary>
internal static class Nonces
{
    private const int BufferSize = 4096;

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static int t_position;

    public static void Fill(Span<byte> nonce)
    {
        var buffer = t_buffer;
        if (buffer is null || t_position + nonce.Length > BufferSize)
        {
            buffer = t_buffer ??= new byte[BufferSize];
            RandomNumberGenerator.Fill(buffer);
            t_position = 0;
        }

        buffer.AsSpan(t_position, nonce.Length).CopyTo(nonce);
        t_position += nonce.Length;
    }
}
