namespace Mirrorspace.Storage.Sqlite.Connectors;

/// <summary>The embedded SQL of the SFTP connectors and their file ledger.</summary>
internal static class ConnectorSqlScripts
{
    public static readonly string Schema = SqlScripts.Load("Schema.Connectors");

    public static readonly string Insert = SqlScripts.Load("Connectors.Insert");
    public static readonly string Update = SqlScripts.Load("Connectors.Update");
    public static readonly string Get = SqlScripts.Load("Connectors.Get");
    public static readonly string List = SqlScripts.Load("Connectors.List");
    public static readonly string GetCredentials = SqlScripts.Load("Connectors.GetCredentials");
    public static readonly string Delete = SqlScripts.Load("Connectors.Delete");
    public static readonly string ListScheduled = SqlScripts.Load("Connectors.ListScheduled");
    public static readonly string GetFiles = SqlScripts.Load("Connectors.GetFiles");
    public static readonly string SaveFile = SqlScripts.Load("Connectors.SaveFile");
}
