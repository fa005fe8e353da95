using System.Net;
using Microsoft.Extensions.Options;
using Mirrorspace.Server.Hosting;
using Mirrorspace.Storage.IdentityProviders;
using Mirrorspace.Storage.Sqlite;
using Mirrorspace.Storage.Sqlite.IdentityProviders;

namespace Mirrorspace.Server.Auth.Oidc;

internal static class OidcServiceCollectionExtensions
{
    /// <summary>Tenants' identity providers, their key sets and the token verifier; settings: <see cref="OidcOptions.Section"/>.</summary>
    public static IServiceCollection AddMirrorspaceOidc(this IServiceCollection services)
    {
        services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IIdentityProviderStore>(sp => new SqliteIdentityProviderStore(new SqliteStoreOptions
        {
            DatabasePath = sp.GetRequiredService<IOptions<NodeOptions>>().Value.DatabasePath,
        }));
        services.AddHttpClient<JwksFetcher>(JwksFetcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect could lead the fetch anywhere the URL check would have refused.
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
                MaxResponseHeadersLength = 16,
            });
        services.AddSingleton<JwksCache>();
        services.AddSingleton<OidcTokenVerifier>();
        return services;
    }
}
