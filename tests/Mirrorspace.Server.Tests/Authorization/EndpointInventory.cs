using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Mirrorspace.Server.Tests.Authorization;

/// <summary>One endpoint as the running node maps it, with the authorization decision its metadata declares.</summary>
public sealed record InventoryEndpoint(string Method, string Route, bool AllowsAnonymous, IReadOnlyList<string> Policies)
{
    /// <summary>Declared either way: a named policy, or an explicit anonymous marker. The fallback policy does not count.</summary>
    public bool HasExplicitDecision => AllowsAnonymous || Policies.Count > 0;

    public override string ToString() => $"{Method} {Route}";
}

/// <summary>Reads the endpoints the node actually serves from its routing metadata, not from the source.</summary>
public static class EndpointInventory
{
    /// <summary>Written for an endpoint that accepts every method (no HTTP method metadata), such as health checks.</summary>
    public const string AnyMethod = "ANY";

    public static IReadOnlyList<InventoryEndpoint> Read(IServiceProvider services)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        return
        [
            .. source.Endpoints.OfType<RouteEndpoint>()
                .SelectMany(Describe)
                .OrderBy(e => e.Route, StringComparer.Ordinal)
                .ThenBy(e => e.Method, StringComparer.Ordinal),
        ];
    }

    /// <summary>A route written as the oracle writes it: parameters by name only (no constraints), no trailing slash.</summary>
    public static string RouteOf(RoutePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(PartText)));
        return "/" + string.Join('/', segments);
    }

    private static IEnumerable<InventoryEndpoint> Describe(RouteEndpoint endpoint)
    {
        var metadata = endpoint.Metadata;
        var anonymous = metadata.GetMetadata<IAllowAnonymous>() is not null;
        var policies = metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(data => data.Policy)
            .OfType<string>()
            .Where(policy => policy.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var methods = metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared ? declared : [AnyMethod];
        var route = RouteOf(endpoint.RoutePattern);
        return methods.Select(method => new InventoryEndpoint(method, route, anonymous, policies));
    }

    private static string PartText(RoutePatternPart part) => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart { IsCatchAll: true } parameter => $"{{*{parameter.Name}}}",
        RoutePatternParameterPart { IsOptional: true } parameter => $"{{{parameter.Name}?}}",
        RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
        _ => throw new InvalidOperationException($"Unknown route part {part.GetType().Name}."),
    };
}
