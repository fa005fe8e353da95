namespace Mirrorspace.Security.Crypto;

/// <summary>The master key is well formed but is not the key this database was set up with. The node must not start.</summary>
public sealed class MasterKeyMismatchException : MasterKeyException
{
    public MasterKeyMismatchException()
    {
    }

    public MasterKeyMismatchException(string message)
        : base(message)
    {
    }

    public MasterKeyMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
