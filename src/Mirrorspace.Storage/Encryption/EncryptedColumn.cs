namespace Mirrorspace.Storage.Encryption;

/// <summary>Every stored field that is encrypted at rest. Everything else is an identifier, a version, a time or a hash.</summary>
public enum EncryptedColumn
{
    TenantName = 1,
    ApiKeyDescription = 2,
    ModelDocument = 3,
    TwinSnapshot = 4,
    EventPayload = 5,
    EventSource = 6,
    QuarantineDocument = 7,
    SignalDetail = 8,
    DeviceSigningKey = 9,
    UserTotpSecret = 10,
}
