using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mirrorspace.Cli.Demo;
using Mirrorspace.Security.ApiKeys;
using Mirrorspace.Server.Hosting;
using Mirrorspace.Storage;

namespace Mirrorspace.Cli.Commands;

/// <summary>
/// <c>mirrorspace demo</c>: one node with the City Water demo tenant, its pumps and reservoir
/// feeding live readings, and a fresh admin key printed for the tour.
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
            await new DemoSeeder(store, services.GetRequiredService<IGrainFactory>(), clock).SeedAsync(script, samples, cancellationToken);
            var key = await provisioning.IssueApiKeyAsync(script.Tenant.Id, TenantRole.Admin, DemoKeyLifetime, "demo admin key", cancellationToken);
            var url = NodeRunner.BaseUrl(app);
            Announce(url, script.Tenant.Id, key, path, json);

            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(app.Lifetime.ApplicationStopping, cancellationToken);
            var feed = new DemoFeed(services.GetRequiredService<IGrainFactory>(), script.Tenant.Id, clock).RunAsync(stopping.Token);
            await app.WaitForShutdownAsync(cancellationToken);
            await feed;
        }

        return ExitCodes.Success;
    }

    private static void Announce(string url, string tenant, string key, string path, bool json)
    {
        if (json)
        {
            ConsoleOutput.Json(new { url, tenant, apiKey = key, dataDirectory = path });
            return;
        }

        Console.WriteLine($"""
            Mirrorspace demo is running (Ctrl-C to stop).
              API:            {url}/api/v1
              API reference:  {url}/scalar  (user: any, password: the key below)
              Tenant:         {tenant}
              Admin API key:  {key}   (valid 24 h, shown once)
              Data directory: {path}

            Try:
              export KEY={key}
              curl -s -H "Authorization: Bearer $KEY" {url}/api/v1/twins/pump-2
              curl -s -H "Authorization: Bearer $KEY" "{url}/api/v1/twins/station-north/graph?depth=2"
            """);
    }
}
