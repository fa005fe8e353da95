using System.CommandLine;
using Microsoft.Data.Sqlite;
using Mirrorspace.Runtime.Audit;
using Mirrorspace.Security.Audit;
using Mirrorspace.Storage.Audit;
using Mirrorspace.Storage.Sqlite.Audit;

namespace Mirrorspace.Cli.Commands;

/// <summary>
/// <c>mirrorspace audit verify --data DIR</c>: recomputes the chain, the Merkle roots and every
/// signature of the audit log, read-only (the node may be running or stopped), and names the
/// first bad entry. <c>--public-key</c> takes a key kept elsewhere, which is what makes the check
/// meaningful against someone who could also replace the key file in the data directory.
/// </summary>
internal static class AuditVerifyCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data(required: true);
        var publicKey = new Option<string?>("--public-key") { Description = "The node's audit public key (PEM); default: audit-signing-key.pub.pem in the data directory." };
        var json = CommonOptions.Json();
        var command = new Command("verify", "Verify the audit log: chain, checkpoints, signed head; name the first bad entry.") { data, publicKey, json };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(data)!, result.GetValue(publicKey), result.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string dataDirectory, string? publicKeyPath, bool json, CancellationToken cancellationToken)
    {
        var files = new AuditFiles(Path.GetFullPath(dataDirectory));
        if (!File.Exists(files.DatabasePath))
        {
            return ConsoleOutput.Error(ExitCodes.NotInitialized, $"There is no audit log in {files.DataDirectory} (the node writes {AuditFiles.DatabaseFileName} once it has run).");
        }

        AuditVerificationResult result;
        int checkpoints;
        try
        {
            using var key = AuditSigningKey.LoadPublicKey(publicKeyPath ?? files.PublicKeyPath);
            await using var store = SqliteAuditStore.OpenReadOnly(files.DatabasePath);
            checkpoints = (await store.ReadCheckpointsAsync(cancellationToken)).Count;
            result = await store.VerifyAsync(ReadHead(files), key, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException
            or ArgumentException or SqliteException or InvalidCastException or FormatException)
        {
            return ConsoleOutput.Error(ExitCodes.AuditVerificationFailed, $"cannot verify the audit log: {ex.Message}");
        }

        if (json)
        {
            ConsoleOutput.Json(new
            {
                ok = result.IsValid,
                problem = result.Problem.ToString(),
                sequence = result.Sequence,
                checkpointSize = result.CheckpointSize,
                detail = result.Detail,
                entries = result.Entries,
                checkpoints,
                signedEntries = result.SignedEntries,
            });
        }
        else if (result.IsValid)
        {
            Console.WriteLine($"OK: {result.Entries} entries, {checkpoints} checkpoints. {result.Detail}");
        }

        if (result.IsValid)
        {
            return ExitCodes.Success;
        }

        var where = result.Sequence is { } sequence ? $"entry {sequence}" : $"checkpoint {result.CheckpointSize}";
        return json
            ? ExitCodes.AuditVerificationFailed
            : ConsoleOutput.Error(ExitCodes.AuditVerificationFailed, $"audit log {result.Problem} at {where}: {result.Detail}");
    }

    /// <summary>A head file that is not a head is treated like a forged one: there is no signature to trust.</summary>
    private static Checkpoint? ReadHead(AuditFiles files)
    {
        try
        {
            return AuditHeadFile.Read(files.HeadPath)?.Checkpoint;
        }
        catch (FormatException)
        {
            return new Checkpoint { TreeSize = 0, RootHash = [], ChainHead = [], Timestamp = default, KeyId = "malformed", Signature = [] };
        }
    }
}
