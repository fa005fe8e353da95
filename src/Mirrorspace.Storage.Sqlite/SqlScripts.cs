using System.Reflection;

namespace Mirrorspace.Storage.Sqlite;

/// <summary>The embedded SQL, read once when first touched.</summary>
internal static class SqlScripts
{
    public static readonly string Schema = Load("Schema");
    public static readonly string SchemaEventLog = Load("Schema.EventLog");
    public static readonly string SchemaHistoryChunks = Load("Schema.HistoryChunks");
    public static readonly string SchemaAccess = Load("Schema.Access");
    public static readonly string InsertTenant = Load("InsertTenant");
    public static readonly string GetTenant = Load("GetTenant");
    public static readonly string ListTenants = Load("ListTenants");
    public static readonly string InsertApiKey = Load("InsertApiKey");
    public static readonly string FindApiKey = Load("FindApiKey");
    public static readonly string SchemaPlatform = Load("Schema.Platform");
    public static readonly string GetApiKey = Load("ApiKeys.Get");
    public static readonly string ListApiKeys = Load("ApiKeys.List");
    public static readonly string RevokeApiKey = Load("ApiKeys.Revoke");
    public static readonly string InsertPlatformKey = Load("PlatformKeys.Insert");
    public static readonly string RevokePlatformKeys = Load("PlatformKeys.RevokeAll");
    public static readonly string FindPlatformKey = Load("PlatformKeys.Find");
    public static readonly string InsertModel = Load("InsertModel");
    public static readonly string GetModel = Load("GetModel");
    public static readonly string GetLatestModel = Load("GetLatestModel");
    public static readonly string ListModels = Load("ListModels");
    public static readonly string GetTwin = Load("GetTwin");
    public static readonly string ListTwins = Load("ListTwins");
    public static readonly string ReadChunks = Load("ReadChunks");
    public static readonly string ReadLogEvents = Load("ReadLogEvents");
    public static readonly string ListRelationships = Load("ListRelationships");
    public static readonly string AppendEvent = Load("AppendEvent");
    public static readonly string ReadTail = Load("EventLog.ReadTail");
    public static readonly string HighestIndexedVersion = Load("EventLog.HighestIndexedVersion");
    public static readonly string IsIndexed = Load("EventLog.IsIndexed");
    public static readonly string LogBounds = Load("EventLog.Bounds");
    public static readonly string ReadBatch = Load("EventLog.ReadBatch");
    public static readonly string LogFingerprint = Load("EventLog.Fingerprint");
    public static readonly string GroupRows = Load("EventLog.GroupRows");
    public static readonly string DeleteMoved = Load("EventLog.DeleteMoved");
    public static readonly string InsertConflict = Load("EventLog.InsertConflict");
    public static readonly string InsertChunk = Load("Chunks.Insert");
    public static readonly string OverlappingChunks = Load("Chunks.Overlapping");
    public static readonly string DeleteChunk = Load("Chunks.Delete");
    public static readonly string UpsertTwin = Load("UpsertTwin");
    public static readonly string PutRelationship = Load("PutRelationship");
    public static readonly string RemoveRelationship = Load("RemoveRelationship");
    public static readonly string RemoveAllRelationships = Load("RemoveAllRelationships");

    internal static string Load(string name)
    {
        var resource = $"Sql/{name}.sql";
        using var stream = typeof(SqlScripts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded SQL resource '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
