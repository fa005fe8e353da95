using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Mirrorspace.Domain.Access;
using Mirrorspace.Server.Auth.Oidc;

namespace Mirrorspace.Server.Auth;

internal static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddMirrorspaceAuth(this IServiceCollection services)
    {
        services.AddAuthentication(CredentialSchemes.Default)
            .AddPolicyScheme(CredentialSchemes.Default, displayName: null, options => options.ForwardDefaultSelector = CredentialSchemes.Select)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null)
            .AddScheme<AuthenticationSchemeOptions, OidcAuthenticationHandler>(OidcAuthenticationHandler.SchemeName, configureOptions: null)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddMirrorspaceOidc();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationHandler, SelfHandler>();
        services.AddSingleton<TenantAccessPolicies>();
        services.AddSingleton<AccessViews>();

        var anyTenantPrincipal = Authenticated().RequireAssertion(context => AccessIdentity.From(context.User) is not null).Build();
        var builder = services.AddAuthorizationBuilder()
            // Deny by default: a path without an endpoint of its own answers a tenant's principal only
            // (404), everyone else 401. Every endpoint names its permission; the inventory test fails for one that does not.
            .SetFallbackPolicy(anyTenantPrincipal)
            .AddPolicy(Policies.AnyTenantPrincipal, anyTenantPrincipal)
            .AddPolicy(Policies.ReportState, Authenticated()
                .AddRequirements(new PermissionRequirement(Permission.ReportState, AllowsDevices: true))
                .Build())
            // A role claim alone is not enough: a principal that also names a tenant is a tenant's, whatever its role says.
            .AddPolicy(Policies.PlatformAdmin, Authenticated()
                .RequireClaim(MirrorspaceClaims.Role, MirrorspaceClaims.PlatformAdminRole)
                .RequireAssertion(context => !context.User.HasClaim(claim => claim.Type == MirrorspaceClaims.Tenant))
                .Build())
            .AddPolicy(Policies.Self, Authenticated().AddRequirements(new SelfRequirement(OrPermission: null)).Build())
            .AddPolicy(Policies.ManageAccessOrSelf, Authenticated().AddRequirements(new SelfRequirement(Permission.ManageAccess)).Build());
        foreach (var permission in Enum.GetValues<Permission>())
        {
            builder.AddPolicy(Policies.Of(permission), Authenticated().AddRequirements(new PermissionRequirement(permission)).Build());
        }

        return services;
    }

    private static AuthorizationPolicyBuilder Authenticated() =>
        new AuthorizationPolicyBuilder(CredentialSchemes.Default).RequireAuthenticatedUser();
}
