namespace Mirrorspace.Security.Crypto;

/// <summary>Which key sealed an envelope; the byte value is part of the ciphertext format.</summary>
public enum KeyKind : byte
{
    /// <summary>A version of the tenant's data key.</summary>
    Tenant = 1,

    /// <summary>A data subject's own key, erasable on its own.</summary>
    Subject = 2,
}
