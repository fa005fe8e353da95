namespace Mirrorspace.Security.Crypto;

/// <summary>The master key cannot be used: malformed, missing, or not the one this database was set up with.</summary>
public class MasterKeyException : Exception
{
    public MasterKeyException()
    {
    }

    public MasterKeyException(string message)
        : base(message)
    {
    }

    public MasterKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
