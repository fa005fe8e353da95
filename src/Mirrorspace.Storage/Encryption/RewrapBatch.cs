namespace Mirrorspace.Storage.Encryption;

/// <summary>Encrypted values read from one table, and where the next batch starts.</summary>
public sealed record RewrapBatch(IReadOnlyList<EncryptedValue> Values, RewrapPosition Next);
