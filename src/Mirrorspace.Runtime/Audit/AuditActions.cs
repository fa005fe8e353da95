namespace Mirrorspace.Runtime.Audit;

/// <summary>The actions the node records, spelled once.</summary>
public static class AuditActions
{
    /// <summary>A well-formed credential was presented and refused: an API key (unknown, wrong secret, expired) or a bearer token (the reason says why).</summary>
    public const string AuthReject = "auth.reject";

    /// <summary>A local user's sign-in, successful or refused (unknown user, wrong password or code, locked, deleted).</summary>
    public const string SignIn = "auth.sign-in";

    /// <summary>A local user's account was locked after repeated failed sign-ins; the reason says for how long.</summary>
    public const string Lockout = "auth.lockout";

    /// <summary>A state-changing request of a browser session without its anti-forgery token, or with a wrong one.</summary>
    public const string AntiForgeryReject = "auth.anti-forgery";

    /// <summary>A local user changed their password, or tried with a wrong current one.</summary>
    public const string PasswordChange = "auth.password-change";

    /// <summary>A local user was added from the command line (the API's changes are <see cref="ApiChangePrefix"/> entries).</summary>
    public const string UserAdd = "user.add";

    /// <summary>An authenticated caller tried an operation its role does not allow.</summary>
    public const string AuthForbidden = "auth.forbidden";

    /// <summary>A caller named a twin its tenant's policy or its key's scopes keep from it; it was answered 404, as if absent.</summary>
    public const string AuthHidden = "auth.hidden";

    /// <summary>A change through the API (create, patch, delete, publish, link), successful or refused; suffixed with the HTTP method.</summary>
    public const string ApiChangePrefix = "api.";

    /// <summary>A read that returned personal or health values; the entry names the properties, never the values.</summary>
    public const string SensitiveRead = "twin.read-sensitive";

    /// <summary>A data subject's key was destroyed (crypto-shredding).</summary>
    public const string SubjectErase = "subject.erase";

    /// <summary>A whole tenant was crypto-shredded.</summary>
    public const string TenantErase = "tenant.erase";

    /// <summary>An MQTT connection refused (unknown device, wrong secret or certificate, disabled, client id, quota).</summary>
    public const string MqttConnect = "mqtt.connect";

    /// <summary>An MQTT publish refused: another twin's topic, oversized.</summary>
    public const string MqttPublish = "mqtt.publish";

    /// <summary>An MQTT subscription refused: a wildcard or another twin's topic.</summary>
    public const string MqttSubscribe = "mqtt.subscribe";

    /// <summary>A device went over its contract rate; recorded once per run of throttled messages.</summary>
    public const string MqttThrottle = "mqtt.throttle";

    /// <summary>A reading from a device the twin refused (not JSON, unknown property, out of bounds).</summary>
    public const string MqttReading = "mqtt.reading-refused";

    /// <summary>An SFTP connector ran (scheduled or on request); the reason holds the counts and the refused rows' file:line.</summary>
    public const string ConnectorRun = "connector.run";

    /// <summary>An SFTP server offered a host key that is not the connector's pinned one; the connection was refused before authentication.</summary>
    public const string ConnectorHostKeyRefused = "connector.host-key-refused";

    /// <summary>A tenant was created (by the platform administrator or at the console); the entry is in the new tenant's log.</summary>
    public const string TenantCreate = "tenant.create";

    /// <summary>An API key was issued at the console (the API's issuances are <c>api.post</c> entries).</summary>
    public const string ApiKeyIssue = "apikey.issue";

    /// <summary>An API key was revoked at the console (the API's revocations are <c>api.post</c> entries).</summary>
    public const string ApiKeyRevoke = "apikey.revoke";

    /// <summary>A new platform administrator key replaced the earlier ones.</summary>
    public const string PlatformKeyIssue = "platform.key";

    /// <summary>The platform administrator asked for break-glass access to a tenant; granted or refused, with the stated reason.</summary>
    public const string BreakGlassGrant = "breakglass.grant";

    /// <summary>A request made with a break-glass grant, recorded in the tenant's log whatever it then asked for.</summary>
    public const string BreakGlassAccess = "breakglass.access";
}
