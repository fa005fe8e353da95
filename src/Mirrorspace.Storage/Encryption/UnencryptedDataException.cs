namespace Mirrorspace.Storage.Encryption;

/// <summary>
/// The database already holds data written without encryption at rest. Opening it encrypted
/// would leave that data in clear beside encrypted data, so it is refused.
/// </summary>
public sealed class UnencryptedDataException : Exception
{
    public UnencryptedDataException()
    {
    }

    public UnencryptedDataException(string message)
        : base(message)
    {
    }

    public UnencryptedDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
