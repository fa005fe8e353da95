using System.Net;
using Mirrorspace.Server.Tests.Authorization;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Auth.Oidc;

/// <summary>
/// Every forged token against every endpoint that needs a credential, as the authorization matrix lists them: the
/// token scheme is one door for the whole API, so no endpoint may be a way around it. A genuine admin token on
/// the same requests shows the scheme is really consulted there (a test that could not fail would prove nothing).
/// </summary>
public sealed class OidcForgeryInventoryTests(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    [Fact]
    public async Task ForgedTokens_AreRefused_OnEveryAuthenticatedEndpoint()
    {
        var tokens = Enum.GetValues<ForgedToken>()
            .ToDictionary(kind => kind, kind => Forgeries.Make(kind, fixture.Issuer, OidcFixture.AudienceOf(fixture.TenantA), fixture.Factory.Clock));
        var admitted = new List<string>();
        var requests = 0;

        foreach (var recipe in AuthenticatedRecipes())
        {
            foreach (var (kind, token) in tokens)
            {
                var status = await SendAsync(recipe, token);
                requests++;
                if (status != HttpStatusCode.Unauthorized)
                {
                    admitted.Add($"{recipe.Key} with {kind}: {(int)status}");
                }
            }
        }

        Assert.True(requests >= 40 * tokens.Count, $"Only {requests} requests: the inventory looks incomplete.");
        Assert.True(admitted.Count == 0, $"{admitted.Count} of {requests} forged requests were not refused with 401:\n  " + string.Join("\n  ", admitted));
    }

    [Fact]
    public async Task GenuineAdminToken_IsAuthenticated_OnEveryAuthenticatedEndpoint()
    {
        // The platform administrator's endpoints admit no tenant principal, however genuine.
        var tenantAdmins = AuthorizationOracle.Rows.Where(r => r.Roles.HasFlag(Roles.Admin)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var refused = new List<string>();
        foreach (var recipe in AuthenticatedRecipes().Where(r => tenantAdmins.Contains(r.Key)))
        {
            var status = await SendAsync(recipe, fixture.Token(fixture.TenantA, "root", "plant-admins"));
            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                refused.Add($"{recipe.Key}: {(int)status}");
            }
        }

        Assert.True(refused.Count == 0, "A genuine admin token was refused by:\n  " + string.Join("\n  ", refused));
    }

    /// <summary>The matrix's requests of every endpoint its oracle says needs a credential.</summary>
    private static IEnumerable<RequestRecipe> AuthenticatedRecipes()
    {
        var anonymous = AuthorizationOracle.Rows.Where(r => r.Roles is Roles.Anonymous).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        return EndpointRequests.All.Where(r => !anonymous.Contains(r.Key));
    }

    /// <summary>Object parameters name ids nobody has: authentication is decided before any object is looked up.</summary>
    private async Task<HttpStatusCode> SendAsync(RequestRecipe recipe, string token)
    {
        string Fill(string text) => MatrixObjects.Parameters.Aggregate(text, (t, p) => t.Replace($"{{{p}}}", MatrixObjects.Absent(p), StringComparison.Ordinal));
        using var client = fixture.Factory.CreateClient(token);
        using var request = new HttpRequestMessage(new HttpMethod(recipe.SendMethod), new Uri(Fill(recipe.PathTemplate), UriKind.Relative));
        if (recipe.Body is { } body)
        {
            request.Content = HttpClientExtensions.Text(Fill(body), recipe.ContentType);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
