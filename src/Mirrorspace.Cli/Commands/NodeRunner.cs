using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mirrorspace.Connectivity.Mqtt;
using Mirrorspace.Security.Crypto;
using Mirrorspace.Server.Hosting;

namespace Mirrorspace.Cli.Commands;

/// <summary>Starts a node on a data directory and reports configuration errors as one line each.</summary>
internal static class NodeRunner
{
    public static async Task<(WebApplication? App, int ExitCode)> StartAsync(string dataDirectory, string? http, string? mqtt, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(dataDirectory);
        if (!DataDirectory.IsInitialized(path))
        {
            return (null, ConsoleOutput.Error(ExitCodes.NotInitialized, $"{path} is not initialized; run: mirrorspace init --data {dataDirectory}"));
        }

        var overrides = new Dictionary<string, string?>();
        if (http is not null)
        {
            overrides[$"{NodeOptions.Section}:HttpAddress"] = http;
        }

        if (mqtt is not null)
        {
            overrides[$"{MqttOptions.Section}:TlsAddress"] = mqtt;
        }

        var app = MirrorspaceApp.Build(MirrorspaceApp.CreateBuilder([], path, overrides));
        try
        {
            await app.StartAsync(cancellationToken);
            return (app, ExitCodes.Success);
        }
        catch (MasterKeyException ex)
        {
            await app.DisposeAsync();
            return (null, ConsoleOutput.Error(ExitCodes.MasterKey, ex.Message));
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            await app.DisposeAsync();
            return (null, ConsoleOutput.Error(ExitCodes.InvalidConfiguration, $"cannot listen: {ex.Message}"));
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                Console.Error.WriteLine($"error: configuration: {failure}");
            }

            await app.DisposeAsync();
            return (null, ExitCodes.InvalidConfiguration);
        }
    }

    /// <summary>The MQTT over TLS endpoint the node listens on, as mqtts://host:port (null when MQTT is off).</summary>
    public static string? MqttUrl(WebApplication app) =>
        app.Services.GetRequiredService<MqttBroker>().TlsEndpoint is { } endpoint ? $"mqtts://{endpoint}" : null;

    /// <summary>The address the node actually listens on (port 0 resolved).</summary>
    public static string BaseUrl(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
}
