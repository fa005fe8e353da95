namespace Mirrorspace.Storage.Sqlite.Users;

internal static class UserSqlScripts
{
    public static readonly string Schema = SqlScripts.Load("Schema.Users");
    public static readonly string Insert = SqlScripts.Load("Users.Insert");
    public static readonly string Get = SqlScripts.Load("Users.Get");
    public static readonly string List = SqlScripts.Load("Users.List");
    public static readonly string CountFailure = SqlScripts.Load("Users.CountFailure");
    public static readonly string SetLock = SqlScripts.Load("Users.SetLock");
    public static readonly string RecordSignIn = SqlScripts.Load("Users.RecordSignIn");
    public static readonly string SetTotpSecret = SqlScripts.Load("Users.SetTotpSecret");
    public static readonly string ConfirmTotp = SqlScripts.Load("Users.ConfirmTotp");
    public static readonly string SetPassword = SqlScripts.Load("Users.SetPassword");
    public static readonly string Disable = SqlScripts.Load("Users.Disable");
    public static readonly string EndSessions = SqlScripts.Load("Users.EndSessions");
    public static readonly string InsertSession = SqlScripts.Load("Sessions.Insert");
    public static readonly string PurgeSessions = SqlScripts.Load("Sessions.Purge");
    public static readonly string FindSession = SqlScripts.Load("Sessions.Find");
    public static readonly string TouchSession = SqlScripts.Load("Sessions.Touch");
    public static readonly string DeleteSession = SqlScripts.Load("Sessions.Delete");
}
