using System.CommandLine;
using System.Text.Json.Nodes;

namespace Mirrorspace.Cli.Commands;

/// <summary><c>mirrorspace device add|disable|enable|rotate|delete</c>: manages device identities on a running node.</summary>
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
        return command;
    }

    private static Command Add()
    {
        var twin = new Option<string>("--twin") { Description = "The twin the device reports for.", Required = true };
        var certificate = new Option<FileInfo?>("--cert") { Description = "Register this client certificate (PEM) instead of issuing a secret." };
        var (url, key, json) = (NodeClient.UrlOption(), NodeClient.ApiKeyOption(), CommonOptions.Json());
        var command = new Command("add", "Register a device for a twin; prints its id and secret (shown once).") { twin, certificate, url, key, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var body = new JsonObject { ["twinId"] = result.GetValue(twin) };
            if (result.GetValue(certificate) is { } file)
            {
                if (!file.Exists)
                {
                    return ConsoleOutput.Error(ExitCodes.InvalidInput, $"{file.FullName} does not exist");
                }

                body["certificatePem"] = await File.ReadAllTextAsync(file.FullName, cancellationToken);
            }

            return await SendAsync(result.GetValue(url), result.GetValue(key), result.GetValue(json), HttpMethod.Post, "api/v1/devices", body, cancellationToken);
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
        }

        if (answer?["secret"]?.GetValue<string>() is { } secret)
        {
            Console.WriteLine($"Secret:  {secret}");
            Console.WriteLine("The secret is shown only now: it is the MQTT password, and the HTTPS bearer token.");
        }

        return ExitCodes.Success;
    }
}
