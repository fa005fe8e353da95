namespace Mirrorspace.Storage.Sqlite.Keys;

/// <summary>The embedded SQL of encryption at rest: the schema migration, the key store and the rewrap source.</summary>
internal static class KeySqlScripts
{
    public static readonly string SchemaV2 = SqlScripts.Load("Schema.v2");

    public static readonly string GetCheckValue = SqlScripts.Load("Keys.GetCheckValue");
    public static readonly string InsertCheckValue = SqlScripts.Load("Keys.InsertCheckValue");
    public static readonly string ReplaceCheckValue = SqlScripts.Load("Keys.ReplaceCheckValue");
    public static readonly string CountDataKeys = SqlScripts.Load("Keys.CountDataKeys");
    public static readonly string GetPolicy = SqlScripts.Load("Keys.GetPolicy");
    public static readonly string InsertPolicy = SqlScripts.Load("Keys.InsertPolicy");
    public static readonly string AdvanceCurrentVersion = SqlScripts.Load("Keys.AdvanceCurrentVersion");
    public static readonly string SetMinimumVersion = SqlScripts.Load("Keys.SetMinimumVersion");
    public static readonly string InsertDataKey = SqlScripts.Load("Keys.InsertDataKey");
    public static readonly string ListDataKeys = SqlScripts.Load("Keys.ListDataKeys");
    public static readonly string ListAllDataKeys = SqlScripts.Load("Keys.ListAllDataKeys");
    public static readonly string ReplaceDataKeyWrapping = SqlScripts.Load("Keys.ReplaceDataKeyWrapping");
    public static readonly string GetSubjectKey = SqlScripts.Load("Keys.GetSubjectKey");
    public static readonly string InsertSubjectKey = SqlScripts.Load("Keys.InsertSubjectKey");
    public static readonly string EraseSubjectKey = SqlScripts.Load("Keys.EraseSubjectKey");
    public static readonly string EraseTenant = SqlScripts.Load("Keys.EraseTenant");
    public static readonly string ListSubjectKeysBelow = SqlScripts.Load("Keys.ListSubjectKeysBelow");
    public static readonly string RewrapSubjectKey = SqlScripts.Load("Keys.RewrapSubjectKey");
    public static readonly string CountSubjectKeysByVersion = SqlScripts.Load("Keys.CountSubjectKeysByVersion");

    public static readonly string ReadTenant = SqlScripts.Load("Rewrap.ReadTenant");
    public static readonly string ReadApiKeys = SqlScripts.Load("Rewrap.ReadApiKeys");
    public static readonly string ReadModels = SqlScripts.Load("Rewrap.ReadModels");
    public static readonly string ReadTwins = SqlScripts.Load("Rewrap.ReadTwins");
    public static readonly string ReadEvents = SqlScripts.Load("Rewrap.ReadEvents");
    public static readonly string ReadQuarantine = SqlScripts.Load("Rewrap.ReadQuarantine");
    public static readonly string ReadSignals = SqlScripts.Load("Rewrap.ReadSignals");
    public static readonly string ReadDeviceKeys = SqlScripts.Load("Rewrap.ReadDeviceKeys");
    public static readonly string ReadUserTotpSecrets = SqlScripts.Load("Rewrap.ReadUserTotpSecrets");
    public static readonly string UpdateTenantName = SqlScripts.Load("Rewrap.UpdateTenantName");
    public static readonly string UpdateApiKeyDescription = SqlScripts.Load("Rewrap.UpdateApiKeyDescription");
    public static readonly string UpdateModelDocument = SqlScripts.Load("Rewrap.UpdateModelDocument");
    public static readonly string UpdateTwinSnapshot = SqlScripts.Load("Rewrap.UpdateTwinSnapshot");
    public static readonly string ReadChunk = SqlScripts.Load("Rewrap.ReadChunk");
    public static readonly string UpdateChunk = SqlScripts.Load("Rewrap.UpdateChunk");
    public static readonly string UpdateQuarantineDocument = SqlScripts.Load("Rewrap.UpdateQuarantineDocument");
    public static readonly string UpdateSignalDetail = SqlScripts.Load("Rewrap.UpdateSignalDetail");
    public static readonly string UpdateDeviceKey = SqlScripts.Load("Rewrap.UpdateDeviceKey");
    public static readonly string UpdateUserTotpSecret = SqlScripts.Load("Rewrap.UpdateUserTotpSecret");
    public static readonly string GetCursor = SqlScripts.Load("Rewrap.GetCursor");
    public static readonly string PutCursor = SqlScripts.Load("Rewrap.PutCursor");
    public static readonly string CountValues = SqlScripts.Load("Rewrap.CountValues");
    public static readonly string CountHeads = SqlScripts.Load("Rewrap.CountHeads");
}
