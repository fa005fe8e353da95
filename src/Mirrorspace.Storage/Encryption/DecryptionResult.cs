using System.Diagnostics.CodeAnalysis;

namespace Mirrorspace.Storage.Encryption;

/// <summary>
/// The outcome of opening a value that may belong to an erased data subject: the plaintext, or
/// "erased" — an expected outcome, distinct from a damaged or foreign ciphertext (which throws).
/// </summary>
public sealed class DecryptionResult
{
    private readonly byte[]? _plaintext;

    private DecryptionResult(byte[]? plaintext, string? erasedSubjectId)
    {
        _plaintext = plaintext;
        ErasedSubjectId = erasedSubjectId;
    }

    [MemberNotNullWhen(true, nameof(ErasedSubjectId))]
    public bool IsErased => _plaintext is null;

    /// <summary>The subject whose key was destroyed, when <see cref="IsErased"/>.</summary>
    public string? ErasedSubjectId { get; }

    public static DecryptionResult Decrypted(byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return new DecryptionResult(plaintext, null);
    }

    public static DecryptionResult Erased(string subjectId) => new(null, subjectId);

    public bool TryGetPlaintext([NotNullWhen(true)] out byte[]? plaintext)
    {
        plaintext = _plaintext;
        return plaintext is not null;
    }
}
