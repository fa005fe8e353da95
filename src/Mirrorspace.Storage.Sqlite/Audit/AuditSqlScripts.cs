namespace Mirrorspace.Storage.Sqlite.Audit;

/// <summary>The embedded SQL of audit.db (Sql/Audit/*.sql), read once when first touched.</summary>
internal static class AuditSqlScripts
{
    public static readonly string Schema = Load("Schema");
    public static readonly string AppendEntry = Load("AppendEntry");
    public static readonly string ReadEntries = Load("ReadEntries");
    public static readonly string ListTenantEntries = Load("ListTenantEntries");
    public static readonly string GetEntry = Load("GetEntry");
    public static readonly string CountEntries = Load("CountEntries");
    public static readonly string InsertCheckpoint = Load("InsertCheckpoint");
    public static readonly string ReadCheckpoints = Load("ReadCheckpoints");

    private static string Load(string name)
    {
        var resource = $"Sql/Audit/{name}.sql";
        using var stream = typeof(AuditSqlScripts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded SQL resource '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
