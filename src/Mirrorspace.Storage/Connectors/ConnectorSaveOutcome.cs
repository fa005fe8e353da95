namespace Mirrorspace.Storage.Connectors;

public enum ConnectorSaveOutcome
{
    Created,
    Updated,
}
