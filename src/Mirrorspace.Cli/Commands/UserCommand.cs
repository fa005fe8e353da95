using System.CommandLine;
using System.Text;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;
using Mirrorspace.Security.Passwords;
using Mirrorspace.Server.Hosting;
using Mirrorspace.Server.Users;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Sqlite.Users;
using Mirrorspace.Storage.Users;

namespace Mirrorspace.Cli.Commands;

/// <summary>
/// <c>mirrorspace user add</c>: adds a local user to a tenant on a stopped node, with the same rules as
/// the API (password policy, admins get a TOTP secret, shown once). The password is read from standard
/// input, or asked for without echo at a terminal; it never goes on the command line, where other users
/// of the machine could read it.
/// </summary>
internal static class UserCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data(required: true);
        var tenant = new Option<string>("--tenant") { Description = "The tenant id.", Required = true };
        var username = new Option<string>("--username") { Description = "The new user's name (lowercase letters, digits, . _ @ -).", Required = true };
        var role = new Option<string>("--role") { Description = "viewer, analyst, operator, auditor or admin.", Required = true };
        var clearance = new Option<string?>("--clearance") { Description = "The most sensitive data class the user reads (default proprietary)." };
        var purpose = new Option<string?>("--purpose") { Description = "A purpose of use the user declares on every request." };
        var json = CommonOptions.Json();
        var add = new Command("add", "Add a local user; the password comes from standard input or a prompt. An admin's TOTP secret is printed once.")
        {
            data, tenant, username, role, clearance, purpose, json,
        };
        add.SetAction((result, ct) => AddAsync(
            result.GetValue(data)!,
            result.GetValue(tenant)!,
            new NewUser(result.GetValue(username), null, result.GetValue(role), result.GetValue(clearance), result.GetValue(purpose)),
            result.GetValue(json),
            ct));
        return new Command("user", "Local users of a tenant (the node must be stopped).") { add };
    }

    private static async Task<int> AddAsync(string dataDirectory, string tenantId, NewUser request, bool json, CancellationToken cancellationToken)
    {
        var password = ReadPassword();
        if (password is null)
        {
            return ConsoleOutput.Error(ExitCodes.InvalidInput, "No password given: pipe it on standard input or type it at the prompt.");
        }

        request = request with { Password = password };

        // Refused before the store is opened: a bad password costs nothing and changes nothing.
        if (UserAccounts.Validate(request) is { Count: > 0 } errors)
        {
            return ConsoleOutput.Error(ExitCodes.InvalidInput, string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")));
        }

        var (offline, exitCode) = await OfflineTwinSpace.OpenAsync(dataDirectory, cancellationToken);
        if (offline is null)
        {
            return exitCode;
        }

        UserChangeResult result;
        await using (offline)
        {
            await using var users = new SqliteUserStore(new SqliteStoreOptions
            {
                DatabasePath = Path.Combine(Path.GetFullPath(dataDirectory), DataDirectory.DatabaseFileName),
            });
            var accounts = new UserAccounts(users, offline.Space.Store, new KeyRingTotpSecretCipher(offline.Space.Keys), new PasswordHasher(), TimeProvider.System);
            result = await accounts.CreateAsync(tenantId, request, cancellationToken);
        }

        if (result.Outcome != UserChange.Done)
        {
            return ConsoleOutput.Error(
                result.Outcome == UserChange.Conflict ? ExitCodes.Refused : ExitCodes.InvalidInput,
                string.Join(" ", result.Errors!.Select(e => $"{e.Field}: {e.Message}")));
        }

        var user = result.User!;
        await OfflineAudit.RecordAsync(
            dataDirectory,
            new AuditRecord
            {
                TenantId = tenantId,
                Principal = $"cli:{Environment.UserName}",
                Action = AuditActions.UserAdd,
                Resource = $"user/{user.Username}",
                Outcome = AuditOutcome.Success,
                Reason = $"role {user.Role}, clearance {user.Clearance}",
            },
            cancellationToken);
        if (json)
        {
            ConsoleOutput.Json(new
            {
                tenant = tenantId,
                username = user.Username,
                role = user.Role,
                clearance = user.Clearance,
                purpose = user.Purpose,
                totp = result.Totp is null ? null : new { secret = result.Totp.Secret, otpauthUri = result.Totp.OtpauthUri },
            });
        }
        else
        {
            Console.WriteLine(result.Totp is null
                ? $"Added user {user.Username} ({user.Role}) to tenant {tenantId}."
                : $"Added user {user.Username} ({user.Role}) to tenant {tenantId}; its first sign-in needs a code of this TOTP secret, shown once: {result.Totp.OtpauthUri}");
        }

        return ExitCodes.Success;
    }

    /// <summary>The first line of standard input when it is redirected; otherwise a prompt without echo. Null for none.</summary>
    private static string? ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            var line = Console.In.ReadLine();
            return string.IsNullOrEmpty(line) ? null : line;
        }

        Console.Error.Write("Password: ");
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return text.Length == 0 ? null : text.ToString();
    }
}
