using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Mirrorspace.Security.Crypto;

/// <summary>
/// A 256-bit AES-GCM key with a small pool of ready <see cref="AesGcm"/> instances. Building an
/// <see cref="AesGcm"/> expands the key schedule (about twice the cost of sealing a short record),
/// and one instance must not be used by two threads at once, so each operation rents an instance
/// and hands it back: thread-safe, and no key setup per message.
/// </summary>
public sealed class DataKey : IDisposable
{
    public const int SizeInBytes = 32;

    private static readonly int MaxPooled = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly byte[] _material;
    private readonly ConcurrentQueue<AesGcm> _pool = new();
    private int _pooled;
    private volatile bool _disposed;

    private DataKey(byte[] material) => _material = material;

    /// <summary>A new key from the operating system's CSPRNG.</summary>
    public static DataKey Generate() => new(RandomNumberGenerator.GetBytes(SizeInBytes));

    public override string ToString() => "DataKey(redacted)";

    /// <summary>Zeroes the key bytes and releases the pooled instances; instances in use are released when handed back.</summary>
    public void Dispose()
    {
        _disposed = true;
        Drain();
        CryptographicOperations.ZeroMemory(_material);
    }

    internal static DataKey FromBytes(ReadOnlySpan<byte> material)
    {
        if (material.Length != SizeInBytes)
        {
            throw new ArgumentException($"A data key is {SizeInBytes} bytes.", nameof(material));
        }

        return new DataKey(material.ToArray());
    }

    /// <summary>The raw key, for wrapping it under another key. Never leaves this assembly.</summary>
    internal ReadOnlySpan<byte> Material
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _material;
        }
    }

    internal void Seal(
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> plaintext,
        Span<byte> ciphertext,
        Span<byte> tag,
        ReadOnlySpan<byte> associatedData)
    {
        var aes = Rent();
        try
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
        }
        finally
        {
            Return(aes);
        }
    }

    /// <summary>Throws <see cref="AuthenticationTagMismatchException"/> when the key, the data or the associated data differ.</summary>
    internal void Open(
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> ciphertext,
        ReadOnlySpan<byte> tag,
        Span<byte> plaintext,
        ReadOnlySpan<byte> associatedData)
    {
        var aes = Rent();
        try
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
        }
        finally
        {
            Return(aes);
        }
    }

    private AesGcm Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_pool.TryDequeue(out var pooled))
        {
            Interlocked.Decrement(ref _pooled);
            return pooled;
        }

        var created = new AesGcm(_material, EnvelopeCipher.TagSize);

        // Dispose zeroes the bytes after setting the flag: if it ran while the key was being read,
        // the flag is visible now and the instance (possibly built from zeroes) is never used.
        Interlocked.MemoryBarrier();
        if (_disposed)
        {
            created.Dispose();
            throw new ObjectDisposedException(nameof(DataKey));
        }

        return created;
    }

    private void Return(AesGcm aes)
    {
        if (!_disposed && Interlocked.Increment(ref _pooled) <= MaxPooled)
        {
            _pool.Enqueue(aes);
            if (_disposed)
            {
                Drain();
            }

            return;
        }

        if (!_disposed)
        {
            Interlocked.Decrement(ref _pooled);
        }

        aes.Dispose();
    }

    private void Drain()
    {
        while (_pool.TryDequeue(out var aes))
        {
            aes.Dispose();
        }
    }
}
