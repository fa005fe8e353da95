namespace Mirrorspace.Security.Crypto;

/// <summary>No master key was supplied, or the named key file does not exist. The node must not start.</summary>
public sealed class MasterKeyMissingException : MasterKeyException
{
    public MasterKeyMissingException()
    {
    }

    public MasterKeyMissingException(string message)
        : base(message)
    {
    }

    public MasterKeyMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
