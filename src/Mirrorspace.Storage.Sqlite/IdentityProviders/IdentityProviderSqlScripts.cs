namespace Mirrorspace.Storage.Sqlite.IdentityProviders;

/// <summary>The embedded SQL of the tenants' OpenID Connect providers.</summary>
internal static class IdentityProviderSqlScripts
{
    public static readonly string Schema = SqlScripts.Load("Schema.IdentityProviders");
    public static readonly string Insert = SqlScripts.Load("IdentityProviders.Insert");
    public static readonly string Update = SqlScripts.Load("IdentityProviders.Update");
    public static readonly string Taken = SqlScripts.Load("IdentityProviders.Taken");
    public static readonly string Get = SqlScripts.Load("IdentityProviders.Get");
    public static readonly string List = SqlScripts.Load("IdentityProviders.List");
    public static readonly string FindByIssuer = SqlScripts.Load("IdentityProviders.FindByIssuer");
    public static readonly string Delete = SqlScripts.Load("IdentityProviders.Delete");
}
