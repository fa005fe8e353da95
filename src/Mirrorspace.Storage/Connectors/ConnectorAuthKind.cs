namespace Mirrorspace.Storage.Connectors;

public enum ConnectorAuthKind
{
    Password,
    PrivateKey,
}
