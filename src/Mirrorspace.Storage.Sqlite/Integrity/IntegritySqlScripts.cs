namespace Mirrorspace.Storage.Sqlite.Integrity;

internal static class IntegritySqlScripts
{
    public static readonly string Schema = SqlScripts.Load("Schema.Integrity");
    public static readonly string HoldReading = SqlScripts.Load("Integrity.HoldReading");
    public static readonly string Decide = SqlScripts.Load("Integrity.Decide");
    public static readonly string RecordSignal = SqlScripts.Load("Integrity.RecordSignal");
    public static readonly string RecordDeviceReading = SqlScripts.Load("Integrity.RecordDeviceReading");
    public static readonly string GetQuarantine = SqlScripts.Load("Integrity.GetQuarantine");
    public static readonly string ListQuarantine = SqlScripts.Load("Integrity.ListQuarantine");
    public static readonly string ListSignals = SqlScripts.Load("Integrity.ListSignals");
}
