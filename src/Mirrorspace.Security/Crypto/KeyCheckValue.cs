namespace Mirrorspace.Security.Crypto;

/// <summary>
/// Proof that a master key is the one a database was set up with: a constant block wrapped under
/// the master key and stored beside the wrapped data keys. Verifying it at start turns a wrong key
/// into one clear message instead of a failure on the first read. It reveals nothing about the key
/// (it is an AES-GCM ciphertext under a random nonce).
/// </summary>
public static class KeyCheckValue
{
    private static readonly byte[] Context = BuildContext();

    public static byte[] Create(MasterKey masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        Span<byte> constant = stackalloc byte[DataKey.SizeInBytes];
        constant.Clear();
        return KeyWrapping.Wrap(masterKey.KeyEncryptionKey, constant, Context);
    }

    public static bool Verify(MasterKey masterKey, ReadOnlySpan<byte> checkValue)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        Span<byte> opened = stackalloc byte[DataKey.SizeInBytes];
        return KeyWrapping.TryUnwrap(masterKey.KeyEncryptionKey, checkValue, Context, opened)
            && opened.IndexOfAnyExcept((byte)0) < 0;
    }

    private static byte[] BuildContext()
    {
        var context = new byte[LengthPrefixed.SizeOf("mirrorspace/key-check")];
        LengthPrefixed.Write(context, "mirrorspace/key-check");
        return context;
    }
}
