using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Mirrorspace.Security.Crypto;

/// <summary>
/// The key-encryption key: 32 random bytes held outside the database. It wraps the tenant data
/// keys and the key check value, never data. Never logged: <see cref="ToString"/> is redacted.
/// </summary>
public sealed class MasterKey : IDisposable
{
    public const int SizeInBytes = 32;

    private MasterKey(DataKey key) => KeyEncryptionKey = key;

    internal DataKey KeyEncryptionKey { get; }

    public static MasterKey Generate() => new(DataKey.Generate());

    public static MasterKey FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == SizeInBytes
            ? new MasterKey(DataKey.FromBytes(bytes))
            : throw new MasterKeyException($"A master key is {SizeInBytes} bytes; got {bytes.Length}.");

    /// <summary>Parses the base64 form (44 characters); surrounding whitespace is ignored.</summary>
    public static MasterKey FromBase64(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromBase64Utf8(Encoding.UTF8.GetBytes(text), "the base64 value");
    }

    /// <summary>The base64 form, for an operator to store in a secret manager. Handle as a secret.</summary>
    public string ExportBase64() => Convert.ToBase64String(KeyEncryptionKey.Material);

    public override string ToString() => "MasterKey(redacted)";

    public void Dispose() => KeyEncryptionKey.Dispose();

    internal static MasterKey FromBase64Utf8(ReadOnlySpan<byte> utf8, string origin)
    {
        utf8 = utf8.Trim(" \t\r\n"u8);
        Span<byte> bytes = stackalloc byte[Base64.GetMaxDecodedFromUtf8Length(utf8.Length)];
        try
        {
            var status = Base64.DecodeFromUtf8(utf8, bytes, out _, out var written);
            if (status != System.Buffers.OperationStatus.Done || written != SizeInBytes)
            {
                // Never echo the value: it may be a real key with a typo.
                throw new MasterKeyException(
                    $"The master key in {origin} is not {SizeInBytes} bytes of base64 ({Base64.GetMaxEncodedToUtf8Length(SizeInBytes)} characters).");
            }

            return new MasterKey(DataKey.FromBytes(bytes[..SizeInBytes]));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
