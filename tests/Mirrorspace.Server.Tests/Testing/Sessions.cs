using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Mirrorspace.Security.Totp;

namespace Mirrorspace.Server.Tests.Testing;

/// <summary>A browser session as a test holds it: the cookie's token and the anti-forgery token the sign-in returned.</summary>
public sealed record TestSession(string Token, string AntiForgeryToken, JsonObject Body);

/// <summary>A local user made through the API, with its password and, for admins, its TOTP secret.</summary>
public sealed record TestUser(string Tenant, string Username, string Password, byte[]? TotpSecret);

/// <summary>Sign-in, session clients and TOTP codes, spelled once. Names are written out here, not taken from the node.</summary>
public static class Sessions
{
    public const string CookieName = "__Host-mirrorspace-session";
    public const string AntiForgeryHeader = "X-CSRF-Token";
    public const string Password = "blue-heron-lantern-42";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A client that keeps no cookies of its own (the test sends the session cookie itself) and follows no redirects.</summary>
    public static HttpClient CreateCookielessClient(this MirrorspaceFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    }

    /// <summary>A client that sends the session cookie, and the anti-forgery token unless it is null.</summary>
    public static HttpClient CreateSessionClient(this MirrorspaceFactory factory, string token, string? antiForgeryToken)
    {
        var client = factory.CreateCookielessClient();
        client.DefaultRequestHeaders.Add("Cookie", $"{CookieName}={token}");
        if (antiForgeryToken is not null)
        {
            client.DefaultRequestHeaders.Add(AntiForgeryHeader, antiForgeryToken);
        }

        return client;
    }

    public static HttpClient CreateSessionClient(this MirrorspaceFactory factory, TestSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return factory.CreateSessionClient(session.Token, session.AntiForgeryToken);
    }

    /// <summary>Adds a user through an admin key; an admin's TOTP secret comes back in the answer and is kept.</summary>
    public static async Task<TestUser> AddUserAsync(this HttpClient admin, string tenant, string role, string? username = null, string password = Password)
    {
        username ??= $"u-{Guid.NewGuid():N}"[..14];
        using var response = await admin.SendAsync("POST", "/api/v1/users", $$"""{"username":"{{username}}","password":"{{password}}","role":"{{role}}"}""");
        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        var secret = body["totp"]?["secret"]?.GetValue<string>();
        return new TestUser(tenant, username, password, secret is null ? null : Base32Decode(secret));
    }

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string tenant, string username, string password, string? totp = null)
    {
        var body = new JsonObject { ["tenant"] = tenant, ["username"] = username, ["password"] = password };
        if (totp is not null)
        {
            body["totp"] = totp;
        }

        return client.SendAsync("POST", "/api/v1/sessions", body.ToJsonString());
    }

    /// <summary>Signs the user in (with a current code when it has a secret) and returns the session.</summary>
    public static async Task<TestSession> SignInAsync(this MirrorspaceFactory factory, TestUser user)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(user);
        using var client = factory.CreateCookielessClient();
        using var response = await client.SignInAsync(user.Tenant, user.Username, user.Password, user.TotpSecret is null ? null : Code(user.TotpSecret, factory.Clock));
        return await ReadSessionAsync(response);
    }

    public static async Task<TestSession> ReadSessionAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.ReadJsonAsync(HttpStatusCode.Created);
        var token = SetCookie(response) ?? throw new InvalidOperationException("The sign-in set no session cookie.");
        return new TestSession(token.Value, body["antiForgeryToken"]!.GetValue<string>(), body);
    }

    /// <summary>The session cookie the response sets: its value and its attributes, as sent.</summary>
    public static (string Value, string Header)? SetCookie(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return null;
        }

        var header = values.SingleOrDefault(v => v.StartsWith(CookieName + "=", StringComparison.Ordinal));
        return header is null ? null : (header[(CookieName.Length + 1)..].Split(';')[0], header);
    }

    /// <summary>The TOTP code of the node's current time, offset by whole steps.</summary>
    public static string Code(byte[] secret, TimeProvider clock, int stepOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return TotpCode.Compute(secret, TotpCode.StepAt(clock.GetUtcNow()) + stepOffset);
    }

    public static byte[] Base32Decode(string text) =>
        Base32.TryDecode(text, out var bytes) ? bytes : throw new FormatException($"'{text}' is not base32.");

    /// <summary>Another token of the right shape that no session has.</summary>
    public static string ForgedToken(string prefix) => prefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static AuthenticationHeaderValue Bearer(string key) => new("Bearer", key);
}
