using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Tests.Commands;

/// <summary>
/// <c>mirrorspace user add</c> on a stopped node: the password from standard input, the policy's every
/// broken rule in one line, an admin's TOTP secret once; the user then signs in to the node with both factors.
/// </summary>
public sealed class UserCommandTests
{
    private const string Password = "harbour-signal-violet-9";

    [Fact]
    public async Task UserAdd_Admin_PrintsItsTotpSecretOnceAndSignsInWithBothFactors()
    {
        using var dir = new TempDirectory();
        await NodeApi.InitAsync(dir);

        var (exitCode, output, error) = await CliProcess.RunWithInputAsync(
            Password + "\n", "user", "add", "--data", dir.Data, "--tenant", "city-water", "--username", "Ada", "--role", "admin", "--json");
        var again = await CliProcess.RunWithInputAsync(
            Password + "\n", "user", "add", "--data", dir.Data, "--tenant", "city-water", "--username", "ada", "--role", "viewer");
        var (verifyExit, _, verifyError) = await CliProcess.RunAsync("audit", "verify", "--data", dir.Data);

        Assert.True(exitCode == 0, error);
        var added = JsonNode.Parse(Assert.Single(output))!.AsObject();
        Assert.Equal("ada", added["username"]?.GetValue<string>());
        Assert.Equal("admin", added["role"]?.GetValue<string>());
        Assert.Equal("proprietary", added["clearance"]?.GetValue<string>());
        var secret = added["totp"]!["secret"]!.GetValue<string>();
        Assert.StartsWith("otpauth://totp/", added["totp"]!["otpauthUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(9, again.ExitCode);
        Assert.True(verifyExit == 0, verifyError);
        var database = await File.ReadAllBytesAsync(Path.Combine(dir.Data, "mirrorspace.db"), TestContext.Current.CancellationToken);
        Assert.True(database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Password)) < 0, "The password is in the database file.");

        await using var node = CliProcess.Start("serve", "--data", dir.Data, "--http", "http://127.0.0.1:0", "--json");
        var started = await node.ReadJsonLineAsync();
        using var http = new HttpClient { BaseAddress = new Uri(started["url"]!.GetValue<string>()) };
        using var withoutCode = await SignInAsync(http, null);
        using var withCode = await SignInAsync(http, Code(secret));
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withCode.StatusCode);
        Assert.Contains("__Host-mirrorspace-session=", string.Join(' ', withCode.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserAdd_BadPasswordOrRole_ExitsWithEveryProblemOnOneLineAndAddsNobody()
    {
        using var dir = new TempDirectory();
        await NodeApi.InitAsync(dir);

        var (exitCode, output, error) = await CliProcess.RunWithInputAsync(
            "marta\n", "user", "add", "--data", dir.Data, "--tenant", "city-water", "--username", "marta", "--role", "root");
        var noPassword = await CliProcess.RunWithInputAsync(
            string.Empty, "user", "add", "--data", dir.Data, "--tenant", "city-water", "--username", "marta", "--role", "viewer");
        var noTenant = await CliProcess.RunWithInputAsync(
            Password + "\n", "user", "add", "--data", dir.Data, "--tenant", "elsewhere", "--username", "marta", "--role", "viewer");

        Assert.Equal(2, exitCode);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("at least 12 characters", line, StringComparison.Ordinal);
        Assert.Contains("Must not be the username", line, StringComparison.Ordinal);
        Assert.Contains("role: Must be viewer", line, StringComparison.Ordinal);
        Assert.Equal(2, noPassword.ExitCode);
        Assert.Equal(2, noTenant.ExitCode);
        Assert.Contains("does not exist", noTenant.Error, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient http, string? code)
    {
        var body = new JsonObject { ["tenant"] = "city-water", ["username"] = "ada", ["password"] = Password };
        if (code is not null)
        {
            body["totp"] = code;
        }

        return http.PostAsync(
            new Uri("/api/v1/sessions", UriKind.Relative),
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
    }

    /// <summary>RFC 6238 written out here, apart from the node's: HMAC-SHA1 of the 30-second step, dynamically truncated to six digits.</summary>
    private static string Code(string base32Secret)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32Secret.Select(c => Convert.ToString(Alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30);
#pragma warning disable CA5350 // TOTP is HMAC-SHA1 by its standard.
        var mac = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = mac[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(mac.AsSpan(offset, 4)) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}
