namespace Mirrorspace.Security.ApiKeys;

/// <summary>A freshly generated key: <see cref="Text"/> is shown once; only <see cref="SecretHash"/> is stored.</summary>
public sealed record ApiKeySecret(string KeyId, string Text, byte[] SecretHash);
