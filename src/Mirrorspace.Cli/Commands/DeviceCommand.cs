using System.CommandLine;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Commands;

/// <summary><c>mirrorspace device add|disable|enable|rotate|delete|signing</c>: manages device identities on a running node.</summary>
internal static class DeviceCommand
{
    public static Command Create()
    {
        var command = new Command("device", "Register devices and manage their credentials on a running node.");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Change("disable", "Disable a device's credential; its live connection is dropped.", HttpMethod.Post, "/disable"));
        command.Subcommands.Add(Change("enable", "Enable a device's credential again.", HttpMethod.Post, "/enable"));
        command.Subcommands.Add(Change("rotate", "Give a device a new secret; the old one stops at once.", HttpMethod.Post, "/rotate"));
        command.Subcommands.Add(Change("delete", "Delete a device.", HttpMethod.Delete, string.Empty));
        command.Subcommands.Add(Signing());
        return command;
    }

    private static Command Add()
    {
        var twin = new Option<string>("--twin") { Description = "The twin the device reports for.", Required = true };
        var certificate = new Option<FileInfo?>("--cert") { Description = "Register this client certificate (PEM) instead of issuing a secret." };
        var (signing, publicKey) = (AlgorithmOption("--signing"), PublicKeyOption());
        var (url, key, json) = (NodeClient.UrlOption(), NodeClient.ApiKeyOption(), CommonOptions.Json());
        var command = new Command("add", "Register a device for a twin; prints its id and secret (shown once).") { twin, certificate, signing, publicKey, url, key, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var body = new JsonObject { ["twinId"] = result.GetValue(twin) };
            if (result.GetValue(certificate) is { } file)
            {
                var (pem, exitCode) = await ReadFileAsync(file, cancellationToken);
                if (pem is null)
                {
                    return exitCode;
                }

                body["certificatePem"] = pem;
            }

            if (result.GetValue(signing) is { } algorithm)
            {
                var (policy, exitCode) = await SigningBodyAsync(algorithm, result.GetValue(publicKey), cancellationToken);
                if (policy is null)
                {
                    return exitCode;
                }

                body["signing"] = policy;
            }
            else if (result.GetValue(publicKey) is not null)
            {
                return ConsoleOutput.Error(ExitCodes.InvalidInput, "--public-key goes with --signing ES256 or --signing EdDSA");
            }

            return await SendAsync(result.GetValue(url), result.GetValue(key), result.GetValue(json), HttpMethod.Post, "api/v1/devices", body, cancellationToken);
        });
        return command;
    }

    /// <summary><c>device signing ID --algorithm ALG [--public-key FILE]</c> requires signed readings; <c>--off</c> stops requiring them.</summary>
    private static Command Signing()
    {
        var id = new Argument<string>("device-id") { Description = "The device id (dev-…)." };
        var (algorithm, publicKey) = (AlgorithmOption("--algorithm"), PublicKeyOption());
        var off = new Option<bool>("--off") { Description = "Stop requiring signed readings." };
        var (url, key, json) = (NodeClient.UrlOption(), NodeClient.ApiKeyOption(), CommonOptions.Json());
        var command = new Command("signing", "Require a device's readings to be signed (a new HS256 key is shown once), or with --off stop requiring it.")
        {
            id, algorithm, publicKey, off, url, key, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = $"api/v1/devices/{Uri.EscapeDataString(result.GetValue(id)!)}/signing";
            var (name, turnOff) = (result.GetValue(algorithm), result.GetValue(off));
            // Exactly one of the two.
            if ((name is not null) == turnOff)
            {
                return ConsoleOutput.Error(ExitCodes.InvalidInput, "give either --algorithm HS256|ES256|EdDSA or --off");
            }

            if (turnOff)
            {
                return result.GetValue(publicKey) is null
                    ? await SendAsync(result.GetValue(url), result.GetValue(key), result.GetValue(json), HttpMethod.Delete, path, null, cancellationToken)
                    : ConsoleOutput.Error(ExitCodes.InvalidInput, "--public-key goes with --algorithm, not --off");
            }

            var (policy, exitCode) = await SigningBodyAsync(name!, result.GetValue(publicKey), cancellationToken);
            return policy is null
                ? exitCode
                : await SendAsync(result.GetValue(url), result.GetValue(key), result.GetValue(json), HttpMethod.Put, path, policy, cancellationToken);
        });
        return command;
    }

    private static Command Change(string name, string description, HttpMethod method, string suffix)
    {
        var id = new Argument<string>("device-id") { Description = "The device id (dev-…)." };
        var (url, key, json) = (NodeClient.UrlOption(), NodeClient.ApiKeyOption(), CommonOptions.Json());
        var command = new Command(name, description) { id, url, key, json };
        command.SetAction((result, cancellationToken) => SendAsync(
            result.GetValue(url), result.GetValue(key), result.GetValue(json), method,
            $"api/v1/devices/{Uri.EscapeDataString(result.GetValue(id)!)}{suffix}", body: null, cancellationToken));
        return command;
    }

    private static async Task<int> SendAsync(
        string? url, string? apiKey, bool json, HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var client = NodeClient.Create(url, apiKey);
        if (client is null)
        {
            return ExitCodes.InvalidInput;
        }

        var (answer, exitCode) = await client.SendAsync(method, path, body, cancellationToken);
        if (exitCode != ExitCodes.Success)
        {
            return exitCode;
        }

        if (json)
        {
            Console.Out.WriteLine(answer?.ToJsonString() ?? "{}");
            return ExitCodes.Success;
        }

        var device = answer?["device"] ?? answer;
        if (device is not null)
        {
            Console.WriteLine($"Device:  {device["deviceId"]} (twin {device["twinId"]}, {(device["enabled"]?.GetValue<bool>() == true ? "enabled" : "disabled")})");
            Console.WriteLine($"MQTT:    user name and client id {device["deviceId"]}; publish {device["mqtt"]?["reported"]}; subscribe {device["mqtt"]?["desired"]}");
            Console.WriteLine($"Signing: {device["signing"]?.GetValue<string>() ?? "off (readings need no signature)"}");
        }

        if (answer?["secret"]?.GetValue<string>() is { } secret)
        {
            Console.WriteLine($"Secret:  {secret}");
            Console.WriteLine("The secret is shown only now: it is the MQTT password, and the HTTPS bearer token.");
        }

        if (answer?["signingKey"]?.GetValue<string>() is { } signingKey)
        {
            Console.WriteLine($"HS256 key: {signingKey}");
            Console.WriteLine("The key is shown only now: the device signs its readings with it (JWS, base64url key).");
        }

        return ExitCodes.Success;
    }

    private static Option<string?> AlgorithmOption(string name) =>
        new(name) { Description = "Require signed readings with this algorithm: HS256 (the node makes the key), ES256 or EdDSA (with --public-key)." };

    private static Option<FileInfo?> PublicKeyOption() =>
        new("--public-key") { Description = "The device's public key file: SubjectPublicKeyInfo PEM for ES256, the raw 32 bytes in base64url for EdDSA." };

    /// <summary>The signing policy as the API takes it: <c>{"algorithm", "publicKey"?}</c>; the node checks the key fits the algorithm.</summary>
    private static async Task<(JsonObject? Policy, int ExitCode)> SigningBodyAsync(string algorithm, FileInfo? publicKeyFile, CancellationToken cancellationToken)
    {
        var policy = new JsonObject { ["algorithm"] = algorithm };
        if (publicKeyFile is not null)
        {
            var (publicKey, exitCode) = await ReadFileAsync(publicKeyFile, cancellationToken);
            if (publicKey is null)
            {
                return (null, exitCode);
            }

            // An editor's final newline is not part of a base64url key.
            policy["publicKey"] = publicKey.Trim();
        }

        return (policy, ExitCodes.Success);
    }

    private static async Task<(string? Text, int ExitCode)> ReadFileAsync(FileInfo file, CancellationToken cancellationToken) =>
        file.Exists
            ? (await File.ReadAllTextAsync(file.FullName, cancellationToken), ExitCodes.Success)
            : (null, ConsoleOutput.Error(ExitCodes.InvalidInput, $"{file.FullName} does not exist"));
}
