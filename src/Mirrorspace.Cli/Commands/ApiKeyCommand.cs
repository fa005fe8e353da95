using System.CommandLine;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.ApiKeys;
using Mirrorspace.Security.Audit;
using Mirrorspace.Server.Api.Features.ApiKeys;
using Mirrorspace.Server.Hosting;
using Mirrorspace.Server.Hosting.Keys;
using Mirrorspace.Storage.Records;

namespace Mirrorspace.Cli.Commands;

/// <summary>
/// <c>mirrorspace apikey add|list|revoke</c>: a tenant's API keys on a stopped node, at the console. The
/// same rules as the API bind them (lifetime, scopes, purpose); issuing and revoking are audited.
/// </summary>
internal static class ApiKeyCommand
{
    public static Command Create() => new("apikey", "Issue, list and revoke a tenant's API keys (the node must be stopped).")
    {
        Add(), List(), Revoke(),
    };

    private static Command Add()
    {
        var (data, tenant, json) = (CommonOptions.Data(required: true), TenantOption(), CommonOptions.Json());
        var role = new Option<string>("--role") { Description = "viewer, analyst, operator, auditor or admin.", Required = true };
        var expires = DurationOption.Create("--expires", $"How long the key lives, e.g. 30d (default {ApiKeyRules.Describe(Limits.DefaultLifetime)}, at most {ApiKeyRules.Describe(Limits.MaxLifetime)}).");
        var clearance = new Option<string>("--clearance") { Description = "The most sensitive data class it reads (default proprietary).", DefaultValueFactory = _ => "proprietary" };
        var purpose = new Option<string?>("--purpose") { Description = "A purpose of use bound to the key." };
        var scope = new Option<string[]>("--scope") { Description = "Confine the key to model:ID or twin:ID (repeatable).", AllowMultipleArgumentsPerToken = false };
        var description = new Option<string?>("--description") { Description = "What the key is for." };
        var command = new Command("add", "Issue a key; its text is printed once.") { data, tenant, role, expires, clearance, purpose, scope, description, json };
        command.SetAction(async (result, ct) =>
        {
            if (!RolePermissions.TryParse(result.GetValue(role), out var parsedRole))
            {
                return ConsoleOutput.Error(ExitCodes.InvalidInput, "--role must be viewer, analyst, operator, auditor or admin.");
            }

            if (!DataClassifications.TryParse(result.GetValue(clearance), out var parsedClearance))
            {
                return ConsoleOutput.Error(ExitCodes.InvalidInput, "--clearance must be public, community, consortium, proprietary, personal or health.");
            }

            var request = new ApiKeyRequest
            {
                Grant = new AccessGrant(parsedRole, parsedClearance, result.GetValue(purpose), result.GetValue(scope) ?? []),
                Lifetime = result.GetValue(expires) ?? Limits.DefaultLifetime,
                Description = result.GetValue(description),
                IssuedBy = ConsolePrincipal,
            };
            var errors = ApiKeyRules.Check(request, Limits.MaxLifetime);
            if (errors.Count > 0)
            {
                return ConsoleOutput.Error(ExitCodes.InvalidInput, string.Join("; ", errors.Select(e => $"{OptionOf(e.Path)}: {e.Message}")));
            }

            return await WithTenantAsync(result.GetValue(data)!, result.GetValue(tenant)!, async (space, tenantId) =>
            {
                var issued = await new TenantProvisioning(space.Store, TimeProvider.System).IssueApiKeyAsync(tenantId, request, ct);
                await RecordAsync(result.GetValue(data)!, tenantId, AuditActions.ApiKeyIssue, issued.Record.KeyId, $"role {issued.Record.Role}", ct);
                Print(result.GetValue(json), new ApiKeyCreatedDto(ApiKeyDto.From(issued.Record), issued.Text),
                    $"API key {issued.Record.KeyId} ({issued.Record.Role}, until {issued.Record.ExpiresAt:u}): {issued.Text}\nThe key is shown only now; store it safely.");
                return ExitCodes.Success;
            }, ct);
        });
        return command;
    }

    private static Command List()
    {
        var (data, tenant, json) = (CommonOptions.Data(required: true), TenantOption(), CommonOptions.Json());
        var command = new Command("list", "List a tenant's keys, revoked and expired ones included; never their secrets.") { data, tenant, json };
        command.SetAction((result, ct) => WithTenantAsync(result.GetValue(data)!, result.GetValue(tenant)!, async (space, tenantId) =>
        {
            var keys = new List<ApiKeyDto>();
            string? after = null;
            do
            {
                var page = await space.Store.ListApiKeysAsync(tenantId, new PageRequest(PageRequest.MaxLimit, after), ct);
                keys.AddRange(page.Items.Select(ApiKeyDto.From));
                after = page.NextAfter;
            }
            while (after is not null);

            if (result.GetValue(json))
            {
                keys.ForEach(ConsoleOutput.Json);
            }
            else
            {
                ConsoleTables.Write(
                    ["key", "role", "clearance", "expires", "revoked", "issued by", "description"],
                    keys.Select(k => new[] { k.KeyId, k.Role, k.Clearance, k.ExpiresAt?.ToString("u"), k.RevokedAt?.ToString("u"), k.IssuedBy, k.Description }));
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Revoke()
    {
        var (data, tenant, json) = (CommonOptions.Data(required: true), TenantOption(), CommonOptions.Json());
        var keyId = new Argument<string>("KEYID") { Description = "The key's id (the part after msk_ up to the next _)." };
        var command = new Command("revoke", "Revoke a key: it authenticates nothing from now on.") { data, tenant, keyId, json };
        command.SetAction((result, ct) => WithTenantAsync(result.GetValue(data)!, result.GetValue(tenant)!, async (space, tenantId) =>
        {
            var id = result.GetValue(keyId)!;
            if (!ApiKeyCodec.IsKeyId(id) || !await space.Store.RevokeApiKeyAsync(tenantId, id, TimeProvider.System.GetUtcNow(), ct))
            {
                return ConsoleOutput.Error(ExitCodes.InvalidInput, $"Tenant '{tenantId}' has no API key '{id}'.");
            }

            var key = await space.Store.GetApiKeyAsync(tenantId, id, ct);
            await RecordAsync(result.GetValue(data)!, tenantId, AuditActions.ApiKeyRevoke, id, "revoked at the console", ct);
            Print(result.GetValue(json), ApiKeyDto.From(key!), $"Revoked API key {id} of {tenantId}.");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    /// <summary>The node's defaults: the console enforces the same limits as the API of a node with default settings.</summary>
    private static ApiKeyOptions Limits { get; } = new();

    private static string ConsolePrincipal => $"cli:{Environment.UserName}";

    private static Option<string> TenantOption() => new("--tenant") { Description = "The tenant id.", Required = true };

    /// <summary>Opens the stopped node's store (holding its lock, so no node starts meanwhile) and checks the tenant exists before the work runs.</summary>
    private static async Task<int> WithTenantAsync(
        string dataDirectory, string tenantId, Func<Mirrorspace.Storage.Encryption.EncryptedTwinSpace, string, Task<int>> work, CancellationToken cancellationToken)
    {
        var (offline, exitCode) = await OfflineTwinSpace.OpenAsync(dataDirectory, cancellationToken);
        if (offline is null)
        {
            return exitCode;
        }

        await using (offline)
        {
            return await offline.Space.Store.GetTenantAsync(tenantId, cancellationToken) is null
                ? ConsoleOutput.Error(ExitCodes.InvalidInput, $"Tenant '{tenantId}' does not exist.")
                : await work(offline.Space, tenantId);
        }
    }

    private static Task RecordAsync(string dataDirectory, string tenantId, string action, string keyId, string reason, CancellationToken cancellationToken) =>
        OfflineAudit.RecordAsync(
            dataDirectory,
            new AuditRecord
            {
                TenantId = tenantId,
                Principal = ConsolePrincipal,
                Action = action,
                Resource = $"apikey/{keyId}",
                Outcome = AuditOutcome.Success,
                Reason = reason,
            },
            cancellationToken);

    private static void Print<T>(bool json, T value, string text)
    {
        if (json)
        {
            ConsoleOutput.Json(value);
        }
        else
        {
            Console.WriteLine(text);
        }
    }

    /// <summary>The option a rule's error is about, as the person typed it.</summary>
    private static string OptionOf(string path) => path switch
    {
        "$.lifetime" => "--expires",
        _ when path.StartsWith("$.scopes", StringComparison.Ordinal) => "--scope" + path["$.scopes".Length..],
        _ => "--" + path["$.".Length..],
    };
}
