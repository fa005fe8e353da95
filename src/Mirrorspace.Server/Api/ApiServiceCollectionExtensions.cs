namespace Mirrorspace.Server.Api;

internal static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddMirrorspaceApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddSingleton<Common.SensitiveReadAudit>();
        services.AddSingleton<Features.Integrity.IntegrityAccess>();
        services.AddSingleton<Hosting.TenantProvisioning>();
        services.AddOptions<Hosting.Keys.ApiKeyOptions>().BindConfiguration(Hosting.Keys.ApiKeyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Mirrorspace API";
            document.Info.Description = "Models, twins, reported and desired state, history and relationships of one tenant. "
                + "Authenticate with 'Authorization: Bearer <API key>', or sign in as a local user (POST /api/v1/sessions) for a browser "
                + "session, whose state-changing requests carry its anti-forgery token in 'X-CSRF-Token'.";
            return Task.CompletedTask;
        }));
        return services;
    }
}
