using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;
using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mirrorspace.Cli.Demo;
using Mirrorspace.Security.ApiKeys;
using Mirrorspace.Server.Hosting;
using Mirrorspace.Storage;
using Mirrorspace.Storage.Access;

namespace Mirrorspace.Cli.Commands;

/// <summary>
/// <c>mirrorspace demo</c>: one node with the City Water demo tenant, its station, pumps and reservoir
/// played by simulated devices over MQTT, and a fresh admin key printed for the tour.
/// </summary>
internal static class DemoCommand
{
    private static readonly TimeSpan DemoKeyLifetime = TimeSpan.FromHours(24);

    public static Command Create()
    {
        var data = CommonOptions.Data(required: false, defaultValue: "mirrorspace-demo");
        var http = CommonOptions.Http();
        var json = CommonOptions.Json();
        var command = new Command("demo", "Run a node with demo tenants, models and live twins.") { data, http, json };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(data)!, result.GetValue(http), result.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string dataDirectory, string? http, bool json, CancellationToken cancellationToken)
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        var script = DemoSeeder.LoadScript(samples);
        var path = Path.GetFullPath(dataDirectory);
        if (!DataDirectory.IsInitialized(path))
        {
            await InitCommand.InitializeAsync(path, script.Tenant.Id, script.Tenant.Name, cancellationToken);
        }

        var (app, exitCode) = await NodeRunner.StartAsync(path, http, mqtt: null, cancellationToken);
        if (app is null)
        {
            return exitCode;
        }

        await using (app)
        {
            var services = app.Services;
            var clock = services.GetRequiredService<TimeProvider>();
            var store = services.GetRequiredService<ITwinSpaceStore>();
            var provisioning = new TenantProvisioning(store, clock);
            await provisioning.CreateTenantAsync(script.Tenant.Id, script.Tenant.Name, cancellationToken);
            await new DemoSeeder(store, services.GetRequiredService<IAccessPolicyStore>(), services.GetRequiredService<IGrainFactory>(), clock)
                .SeedAsync(script, samples, cancellationToken);

            // Cleared for personal data (the operator on shift), which it reads only when it declares a purpose the policy allows.
            var key = await provisioning.IssueApiKeyAsync(
                script.Tenant.Id, TenantRole.Admin, DemoKeyLifetime, "demo admin key", cancellationToken, DataClassification.Personal);
            var url = NodeRunner.BaseUrl(app);
            var mqtt = NodeRunner.MqttUrl(app);

            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(app.Lifetime.ApplicationStopping, cancellationToken);
            using var devices = mqtt is null
                ? null
                : await new DemoDevices(path, samples).StartAsync(
                    url, key, mqtt, [.. script.Twins.Select(t => t.Id)], services.GetRequiredService<ILoggerFactory>(), clock, stopping.Token);
            Announce(url, script.Tenant.Id, key, path, mqtt, devices?.DeviceCount ?? 0, json);

            var feed = devices?.Runner.RunAsync(DemoDevices.ReadingsPerSecond, duration: null, stopping.Token) ?? Task.FromResult(TimeSpan.Zero);
            await app.WaitForShutdownAsync(cancellationToken);
            await feed;
        }

        return ExitCodes.Success;
    }

    private static void Announce(string url, string tenant, string key, string path, string? mqtt, int devices, bool json)
    {
        if (json)
        {
            ConsoleOutput.Json(new { url, tenant, apiKey = key, dataDirectory = path, mqtt, simulatedDevices = devices });
            return;
        }

        var devicesLine = devices > 0 ? $"{devices} simulated devices report over {mqtt}; set a desired speed and watch them follow"
            : mqtt is null ? "none (MQTT is off)"
            : "none (they could not start; see the error above)";
        const string speedPatch = """'{"speed": 1800}'""";
        Console.WriteLine($"""
            Mirrorspace demo is running (Ctrl-C to stop).
              API:            {url}/api/v1
              API reference:  {url}/scalar  (user: any, password: the key below)
              Tenant:         {tenant}
              Admin API key:  {key}   (valid 24 h, shown once)
              Data directory: {path}
              Devices:        {devicesLine}

            Try:
              export KEY={key}
              curl -s -H "Authorization: Bearer $KEY" {url}/api/v1/twins/pump-2
              curl -s -H "Authorization: Bearer $KEY" "{url}/api/v1/twins/station-north/graph?depth=2"
              curl -s -H "Authorization: Bearer $KEY" -H 'X-Purpose: operations' {url}/api/v1/twins/station-north
              curl -s -H "Authorization: Bearer $KEY" -X PATCH -H 'Content-Type: application/merge-patch+json' -d {speedPatch} {url}/api/v1/twins/pump-1/desired
            """);
    }
}
