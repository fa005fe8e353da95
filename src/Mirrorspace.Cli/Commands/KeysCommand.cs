using System.CommandLine;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Server.Hosting;
using Mirrorspace.Storage.Encryption;
using Spectre.Console;

namespace Mirrorspace.Cli.Commands;

/// <summary>
/// <c>mirrorspace keys …</c>: key rotation on a stopped node. New writes use a rotated key at once;
/// <c>rewrap</c> moves old records to it (resumable); <c>min-version</c> then retires old versions.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Rotate, rewrap and retire encryption keys (the node must be stopped).");
        command.Subcommands.Add(Rotate());
        command.Subcommands.Add(Rewrap());
        command.Subcommands.Add(MinVersion());
        command.Subcommands.Add(Status());
        return command;
    }

    private static Command Rotate()
    {
        var (data, tenant, json) = (CommonOptions.Data(required: true), TenantOption(required: false), CommonOptions.Json());
        var master = new Option<bool>("--master") { Description = "Rotate the master key (rewraps every data key) instead of a tenant's data key." };
        var command = new Command("rotate", "Make a new tenant data key version current, or replace the master key.") { data, tenant, master, json };
        command.SetAction((result, ct) => WithSpaceAsync(result.GetValue(data)!, async space =>
        {
            if (result.GetValue(master))
            {
                await space.Rotation.RotateMasterKeyFileAsync(Path.Combine(Path.GetFullPath(result.GetValue(data)!), MasterKeyFile.DefaultFileName), ct);
                return Report(result.GetValue(json), new { rotated = "master" }, "Master key rotated; every data key is rewrapped under it.");
            }

            if (result.GetValue(tenant) is not { } tenantId)
            {
                return ConsoleOutput.Error(ExitCodes.InvalidInput, "Give --tenant ID, or --master.");
            }

            var version = await space.Rotation.RotateTenantKeyAsync(tenantId, ct);
            return Report(result.GetValue(json), new { tenant = tenantId, currentVersion = version }, $"Tenant {tenantId} now writes with data key v{version}. Run 'keys rewrap' to move older records.");
        }, ct));
        return command;
    }

    private static Command Rewrap()
    {
        var (data, tenant, json) = (CommonOptions.Data(required: true), TenantOption(required: true), CommonOptions.Json());
        var command = new Command("rewrap", "Re-encrypt a tenant's records under its current data key; resumes where an interrupted run stopped.") { data, tenant, json };
        command.SetAction((result, ct) => WithSpaceAsync(result.GetValue(data)!, async space =>
        {
            var tenantId = result.GetValue(tenant)!;
            RewrapProgress final;
            if (result.GetValue(json))
            {
                final = await space.Rotation.RewrapAsync(tenantId, progress: null, ct);
                ConsoleOutput.Json(new { tenant = tenantId, targetVersion = final.TargetVersion, final.Scanned, final.Rewritten, final.Unreadable });
                return ExitCodes.Success;
            }

            final = await AnsiConsole.Progress().StartAsync(async context =>
            {
                var task = context.AddTask($"Rewrapping {tenantId}");
                var progress = new Progress<RewrapProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Scanned;
                });
                return await space.Rotation.RewrapAsync(tenantId, progress, ct);
            });
            Console.WriteLine($"Rewrapped {final.Rewritten} of {final.Scanned} records to v{final.TargetVersion}; {final.Unreadable} unreadable (erased).");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command MinVersion()
    {
        var (data, tenant, json) = (CommonOptions.Data(required: true), TenantOption(required: true), CommonOptions.Json());
        var version = new Option<int>("--version") { Description = "The oldest data key version that may still decrypt.", Required = true };
        var force = new Option<bool>("--force") { Description = "Retire versions still in use: their records become unreadable." };
        var command = new Command("min-version", "Raise the minimum decryption version of a tenant.") { data, tenant, version, force, json };
        command.SetAction((result, ct) => WithSpaceAsync(result.GetValue(data)!, async space =>
        {
            var tenantId = result.GetValue(tenant)!;
            var change = await space.Rotation.SetMinimumDecryptionVersionAsync(tenantId, result.GetValue(version), result.GetValue(force), ct);
            return change.Outcome switch
            {
                MinimumVersionOutcome.Applied => Report(result.GetValue(json), new { tenant = tenantId, minimumDecryptionVersion = change.Policy!.MinimumDecryptionVersion }, $"Tenant {tenantId}: versions below v{change.Policy!.MinimumDecryptionVersion} no longer decrypt."),
                MinimumVersionOutcome.RefusedInUse => ConsoleOutput.Error(ExitCodes.Refused, $"{change.InUseBelow} records still use older versions; run 'keys rewrap' first or pass --force."),
                MinimumVersionOutcome.UnknownTenant => ConsoleOutput.Error(ExitCodes.InvalidInput, $"Tenant '{tenantId}' has no keys."),
                _ => ConsoleOutput.Error(ExitCodes.InvalidInput, "The version must be between 1 and the current version."),
            };
        }, ct));
        return command;
    }

    private static Command Status()
    {
        var (data, tenant, json) = (CommonOptions.Data(required: true), TenantOption(required: true), CommonOptions.Json());
        var command = new Command("status", "Show a tenant's key versions and what uses each.") { data, tenant, json };
        command.SetAction((result, ct) => WithSpaceAsync(result.GetValue(data)!, async space =>
        {
            var tenantId = result.GetValue(tenant)!;
            var usage = await space.Rotation.GetUsageAsync(tenantId, ct);
            if (usage is null)
            {
                return ConsoleOutput.Error(ExitCodes.InvalidInput, $"Tenant '{tenantId}' has no keys.");
            }

            var records = string.Join(", ", usage.Records.OrderBy(p => p.Key).Select(p => $"v{p.Key}: {p.Value}"));
            return Report(
                result.GetValue(json),
                new { tenant = tenantId, currentVersion = usage.Policy.CurrentVersion, minimumDecryptionVersion = usage.Policy.MinimumDecryptionVersion, records = usage.Records },
                $"Tenant {tenantId}: current v{usage.Policy.CurrentVersion}, minimum decryption v{usage.Policy.MinimumDecryptionVersion}; records {records}");
        }, ct));
        return command;
    }

    private static Option<string?> TenantOption(bool required) => new("--tenant") { Description = "The tenant id.", Required = required };

    private static async Task<int> WithSpaceAsync(string dataDirectory, Func<EncryptedTwinSpace, Task<int>> action, CancellationToken cancellationToken)
    {
        var (offline, exitCode) = await OfflineTwinSpace.OpenAsync(dataDirectory, cancellationToken);
        if (offline is null)
        {
            return exitCode;
        }

        await using (offline)
        {
            return await action(offline.Space);
        }
    }

    private static int Report<T>(bool json, T value, string text)
    {
        if (json)
        {
            ConsoleOutput.Json(value);
        }
        else
        {
            Console.WriteLine(text);
        }

        return ExitCodes.Success;
    }
}
