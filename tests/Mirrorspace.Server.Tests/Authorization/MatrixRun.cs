using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Mirrorspace.Server.Tests.Testing;

namespace Mirrorspace.Server.Tests.Authorization;

/// <summary>
/// Every oracle row × every caller of either tenant × every object relation, sent to one node. Objects are
/// made first, all of them, then the requests go out a few at a time, which keeps the run short on a small machine.
/// </summary>
public sealed class MatrixRun
{
    private const int Concurrency = 4;

    private MatrixRun(IReadOnlyList<MatrixResult> results, TimeSpan elapsed)
    {
        Results = results;
        Elapsed = elapsed;
    }

    public IReadOnlyList<MatrixResult> Results { get; }

    public TimeSpan Elapsed { get; }

    public static async Task<MatrixRun> RunAsync(MirrorspaceFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var clock = Stopwatch.StartNew();
        var missing = AuthorizationOracle.Rows.Select(r => r.Key).Except(EndpointRequests.All.Select(r => r.Key), StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"No request recipe in {nameof(EndpointRequests)} for: {string.Join(", ", missing)}");

        var tenants = await Task.WhenAll(factory.TenantAAsync(), factory.TenantBAsync());
        using var a = await MatrixObjects.CreateAsync(factory, tenants[0]);
        using var b = await MatrixObjects.CreateAsync(factory, tenants[1]);

        // Each tenant calls in turn, with the other as the foreign one: isolation must hold both ways.
        var platformKey = await factory.PlatformAdminKeyAsync();
        Side[] sides = [new("A", a, b, Callers(factory, a, platformKey), factory.Clock), new("B", b, a, Callers(factory, b, platformKey), factory.Clock)];
        try
        {
            var prepared = new List<(MatrixCase Case, HttpClient Client)>();
            await Parallel.ForEachAsync(Plan(sides), Options(), async (plan, _) =>
            {
                var matrixCase = await PrepareAsync(plan.Side, plan.Row, plan.Recipe, plan.Caller, plan.Relation);
                lock (prepared)
                {
                    prepared.Add((matrixCase, plan.Side.Clients[plan.Caller]));
                }
            });

            var results = new List<MatrixResult>();
            await Parallel.ForEachAsync(prepared, Options(), async (item, _) =>
            {
                var result = await SendAsync(item.Client, item.Case);
                lock (results)
                {
                    results.Add(result);
                }
            });

            return new MatrixRun([.. results.OrderBy(r => r.Case.ToString(), StringComparer.Ordinal)], clock.Elapsed);
        }
        finally
        {
            foreach (var client in sides.SelectMany(s => s.Clients.Values))
            {
                client.Dispose();
            }
        }
    }

    private static ParallelOptions Options() =>
        new() { MaxDegreeOfParallelism = Concurrency, CancellationToken = TestContext.Current.CancellationToken };

    private static IEnumerable<(Side Side, OracleRow Row, RequestRecipe Recipe, Caller Caller, Relation Relation)> Plan(IEnumerable<Side> sides) =>
        from side in sides
        from row in AuthorizationOracle.Rows
        let recipe = EndpointRequests.All.Single(r => r.Key == row.Key)
        from relation in RelationsOf(row, recipe)
        from caller in Enum.GetValues<Caller>()
        select (side, row, recipe, caller, relation);

    /// <summary>All objects the caller's own; then each object parameter in turn in the other tenant, and absent.</summary>
    private static IEnumerable<Relation> RelationsOf(OracleRow row, RequestRecipe recipe)
    {
        var parameters = ObjectParameters(recipe);
        Assert.True(
            (row.Touches is Touches.Nothing) == (parameters.Count == 0),
            $"{row}: the oracle says it touches {row.Touches}, but its request names {(parameters.Count == 0 ? "no object" : string.Join(", ", parameters))}.");
        return parameters.SelectMany(p => new[] { new Relation(Scope.Foreign, p), new Relation(Scope.Absent, p) }).Prepend(Relation.Own);
    }

    private static List<string> ObjectParameters(RequestRecipe recipe) =>
        [.. MatrixObjects.Parameters.Where(p => $"{recipe.PathTemplate} {recipe.Body}".Contains($"{{{p}}}", StringComparison.Ordinal))];

    private static async Task<MatrixCase> PrepareAsync(Side side, OracleRow row, RequestRecipe recipe, Caller caller, Relation relation)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if ($"{recipe.PathTemplate} {recipe.Body}".Contains($"{{{MatrixObjects.Unique}}}", StringComparison.Ordinal))
        {
            values[MatrixObjects.Unique] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        }

        foreach (var parameter in ObjectParameters(recipe))
        {
            var tenant = relation.Parameter == parameter && relation.Scope is Scope.Foreign ? side.Foreign : side.Own;
            values[parameter] = relation.Parameter == parameter && relation.Scope is Scope.Absent ? MatrixObjects.Absent(parameter)
                : recipe.FreshObjects ? await tenant.FreshAsync(parameter)
                : tenant.Shared(parameter);
        }

        // Not objects, so the same in every relation: the caller's own tenant, and a code for the case's user.
        if ($"{recipe.PathTemplate} {recipe.Body}".Contains(MatrixObjects.TenantValue, StringComparison.Ordinal))
        {
            values[MatrixObjects.TenantValue[1..^1]] = side.Own.Tenant.Id;
        }

        if ($"{recipe.PathTemplate} {recipe.Body}".Contains(MatrixObjects.TotpCodeValue, StringComparison.Ordinal))
        {
            values[MatrixObjects.TotpCodeValue[1..^1]] = side.Own.TotpCode(values.GetValueOrDefault(MatrixObjects.Username) ?? string.Empty, side.Clock);
        }

        var deviceTwin = caller switch
        {
            Caller.Device => side.Own.PumpDevice.TwinId,
            Caller.OtherDevice => side.Own.OtherPumpDevice.TwinId,
            _ => null,
        };
        var namesOwnTwin = deviceTwin is not null && values.GetValueOrDefault(MatrixObjects.TwinId) == deviceTwin;
        return new MatrixCase(row, recipe, side.Name, caller, relation, values, Expectation.Of(row, caller, relation.Scope, namesOwnTwin));
    }

    private static Dictionary<Caller, HttpClient> Callers(MirrorspaceFactory factory, MatrixObjects own, string platformKey)
    {
        // A real key id with a secret that is not its own: authentication must fail on the secret, not the format.
        var wrongKey = $"msk_{TestTenant.KeyIdOf(own.Tenant.AdminKey)}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";
        return new()
        {
            [Caller.Anonymous] = factory.CreateAnonymousClient(),
            [Caller.WrongKey] = factory.CreateClient(wrongKey),
            [Caller.Viewer] = factory.CreateClient(own.Tenant.ViewerKey),
            [Caller.Analyst] = factory.CreateClient(own.Tenant.AnalystKey),
            [Caller.Auditor] = factory.CreateClient(own.Tenant.AuditorKey),
            [Caller.Operator] = factory.CreateClient(own.Tenant.OperatorKey),
            [Caller.Admin] = factory.CreateClient(own.Tenant.AdminKey),
            [Caller.Device] = factory.CreateClient(own.PumpDevice.Secret!),
            [Caller.OtherDevice] = factory.CreateClient(own.OtherPumpDevice.Secret!),
            [Caller.PlatformAdmin] = factory.CreateClient(platformKey),
        };
    }

    private static async Task<MatrixResult> SendAsync(HttpClient client, MatrixCase matrixCase)
    {
        var ct = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(new HttpMethod(matrixCase.Recipe.SendMethod), new Uri(matrixCase.Path, UriKind.Relative));
        if (matrixCase.Body is { } body)
        {
            request.Content = HttpClientExtensions.Text(body, matrixCase.Recipe.ContentType);
        }

        using var response = await client.SendAsync(request, ct);
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) as JsonObject
            : null;
        return new MatrixResult(matrixCase, (int)response.StatusCode, problem);
    }

    /// <summary>One tenant as the callers' own, the other as the foreign one, and a client per caller.</summary>
    private sealed record Side(string Name, MatrixObjects Own, MatrixObjects Foreign, Dictionary<Caller, HttpClient> Clients, TimeProvider Clock);
}
