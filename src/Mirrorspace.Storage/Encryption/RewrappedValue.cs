namespace Mirrorspace.Storage.Encryption;

/// <summary>A value sealed again under the current key: written only if the row still holds <see cref="Original"/>'s value.</summary>
public sealed record RewrappedValue(EncryptedValue Original, string Value);
