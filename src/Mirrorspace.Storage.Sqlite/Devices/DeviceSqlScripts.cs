namespace Mirrorspace.Storage.Sqlite.Devices;

internal static class DeviceSqlScripts
{
    public static readonly string Schema = SqlScripts.Load("Schema.Devices");
    public static readonly string Insert = SqlScripts.Load("Devices.Insert");
    public static readonly string Find = SqlScripts.Load("Devices.Find");
    public static readonly string FindByThumbprint = SqlScripts.Load("Devices.FindByThumbprint");
    public static readonly string Get = SqlScripts.Load("Devices.Get");
    public static readonly string List = SqlScripts.Load("Devices.List");
    public static readonly string Update = SqlScripts.Load("Devices.Update");
    public static readonly string Delete = SqlScripts.Load("Devices.Delete");
}
