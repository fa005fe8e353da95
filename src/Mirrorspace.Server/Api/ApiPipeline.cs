using Mirrorspace.Server.Api.Common;
using Mirrorspace.Server.Api.Features.Access;
using Mirrorspace.Server.Api.Features.ApiKeys;
using Mirrorspace.Server.Api.Features.Audit;
using Mirrorspace.Server.Api.Features.Devices;
using Mirrorspace.Server.Api.Features.Connectors;
using Mirrorspace.Server.Api.Features.History;
using Mirrorspace.Server.Api.Features.IdentityProviders;
using Mirrorspace.Server.Api.Features.Integrity;
using Mirrorspace.Server.Api.Features.Models;
using Mirrorspace.Server.Api.Features.Platform;
using Mirrorspace.Server.Api.Features.Relationships;
using Mirrorspace.Server.Api.Features.Sessions;
using Mirrorspace.Server.Api.Features.Users;
using Mirrorspace.Server.Api.Features.Twins;
using Mirrorspace.Server.Auth;
using Scalar.AspNetCore;

namespace Mirrorspace.Server.Api;

internal static class ApiPipeline
{
    public static WebApplication UseMirrorspacePipeline(this WebApplication app)
    {
        // Unexpected exceptions become a bare 500 problem: no stack traces or internals leave the node.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(SecurityHeadersAsync);
        app.UseAuthentication();
        app.Use(AntiForgery.CheckAsync);
        app.UseAuthorization();

        app.MapHealthChecks("/health").AllowAnonymous();

        // The reference describes the API, so it needs a key as the API does; declared rather than left to
        // the fallback policy, so that every endpoint states its decision (Scalar's static files stay anonymous).
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(Policies.AnyTenantPrincipal);
        app.MapScalarApiReference("/scalar", options => options.WithTitle("Mirrorspace API")).RequireAuthorization(Policies.AnyTenantPrincipal);

        var api = app.MapGroup("/api/v1");
        api.AddEndpointFilter<AuditChangesFilter>();
        api.AddEndpointFilter<AccessViews>();
        api.MapModelEndpoints();
        api.MapTwinEndpoints();
        api.MapStateEndpoints();
        api.MapHistoryEndpoints();
        api.MapRelationshipEndpoints();
        api.MapAuditEndpoints();
        api.MapDeviceEndpoints();
        api.MapCommandEndpoints();
        api.MapConnectorEndpoints();
        api.MapQuarantineEndpoints();
        api.MapSignalEndpoints();
        api.MapSessionEndpoints();
        api.MapUserEndpoints();
        api.MapAccessPolicyEndpoints();
        api.MapApiKeyEndpoints();
        api.MapPlatformEndpoints();
        api.MapIdentityProviderEndpoints();
        return app;
    }

    private static Task SecurityHeadersAsync(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return next();
    }
}
