using Microsoft.AspNetCore.Authentication;
using Mirrorspace.Security.ApiKeys;

namespace Mirrorspace.Server.Auth;

internal static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddMirrorspaceAuth(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(RequireRole(TenantRole.Viewer))
            .AddPolicy(Policies.Viewer, RequireRole(TenantRole.Viewer))
            .AddPolicy(Policies.Operator, RequireRole(TenantRole.Operator))
            .AddPolicy(Policies.Admin, RequireRole(TenantRole.Admin))
            .AddPolicy(Policies.ReportState, new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.FindFirst(MirrorspaceClaims.Role)?.Value == MirrorspaceClaims.DeviceRole || HasRole(context.User, TenantRole.Operator))
                .Build());
        return services;
    }

    /// <summary>Deny by default: every endpoint without an explicit policy still needs an authenticated viewer.</summary>
    private static Microsoft.AspNetCore.Authorization.AuthorizationPolicy RequireRole(TenantRole minimum) =>
        new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => HasRole(context.User, minimum))
            .Build();

    private static bool HasRole(System.Security.Claims.ClaimsPrincipal user, TenantRole minimum) =>
        Enum.TryParse<TenantRole>(user.FindFirst(MirrorspaceClaims.Role)?.Value, ignoreCase: true, out var role) && role >= minimum;
}
