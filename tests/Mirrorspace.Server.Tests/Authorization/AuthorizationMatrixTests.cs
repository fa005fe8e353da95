namespace Mirrorspace.Server.Tests.Authorization;

/// <summary>
/// Proves the authorization of every endpoint against <see cref="AuthorizationOracle"/>: the node serves
/// exactly the endpoints the oracle decides on, each declares its decision, and every caller gets the
/// answer the oracle gives for every object it may name.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixFixture fixture) : IClassFixture<AuthorizationMatrixFixture>
{
    [Fact]
    public void EveryEndpoint_DeclaresAPolicyOrAnonymous()
    {
        var undecided = EndpointInventory.Read(fixture.Factory.Services).Where(e => !e.HasExplicitDecision).ToList();

        Assert.True(undecided.Count == 0,
            "These endpoints name no policy and are not marked anonymous, so only the fallback policy guards them: "
            + string.Join(", ", undecided));
    }

    [Fact]
    public void Inventory_MatchesTheOracle()
    {
        var served = EndpointInventory.Read(fixture.Factory.Services).Select(e => e.ToString()).ToHashSet(StringComparer.Ordinal);
        var decided = AuthorizationOracle.Rows.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

        var undecided = served.Except(decided).Order(StringComparer.Ordinal).ToList();
        var gone = decided.Except(served).Order(StringComparer.Ordinal).ToList();

        Assert.True(undecided.Count == 0 && gone.Count == 0,
            $"Served but not in {nameof(AuthorizationOracle)} (add a row, and a recipe in {nameof(EndpointRequests)}): {string.Join(", ", undecided)}\n"
            + $"In {nameof(AuthorizationOracle)} but no longer served: {string.Join(", ", gone)}");
        Assert.Equal(AuthorizationOracle.Rows.Count, decided.Count);
    }

    [Fact]
    public async Task EveryCase_AnswersAsTheOracleSays()
    {
        var run = await fixture.RunAsync();
        var results = run.Results;
        var mismatches = results.Where(r => !r.Matches).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Authorization matrix: {results.Count} cases over {AuthorizationOracle.Rows.Count} endpoints in {run.Elapsed.TotalSeconds:0.0} s; "
            + string.Join(", ", results.GroupBy(r => r.Case.Expected).OrderBy(g => g.Key).Select(g => $"{g.Count()} expected {Expectation.Describe(g.Key)}"))
            + $"; {results.Count(r => r.IsUnexpectedAllow)} unexpected allows, {results.Count(r => r.IsUnexpectedDeny)} unexpected denies, {mismatches.Count} mismatches.");

        Assert.True(mismatches.Count == 0,
            $"{results.Count(r => r.IsUnexpectedAllow)} unexpected allows, {results.Count(r => r.IsUnexpectedDeny)} unexpected denies, "
            + $"{mismatches.Count} mismatches in all, of {results.Count} cases:\n"
            + string.Join('\n', mismatches.Select(r => $"  {r.Case}: expected {Expectation.Describe(r.Case.Expected)}, got {r.Status} {r.Problem?["title"]} {r.Problem?["detail"]}")));
    }

    /// <summary>
    /// Another tenant's object, and a twin that is not the calling device's, must answer exactly like an id
    /// nobody uses: the same status, type, title and detail. Otherwise a probe tells which ids exist.
    /// </summary>
    [Fact]
    public async Task ObjectsOutOfReach_AnswerExactlyLikeAbsentOnes()
    {
        var run = await fixture.RunAsync();
        var absent = run.Results
            .Where(r => r.Case.Relation.Scope is Scope.Absent)
            .ToDictionary(r => (r.Case.Row.Key, r.Case.Tenant, r.Case.Caller, r.Case.Relation.Parameter));

        var pairs = run.Results
            // A foreign object the caller may reach (a tenant, to the platform administrator) is not out of its reach.
            .Where(r => (r.Case.Relation.Scope is Scope.Foreign && r.Case.Expected is not Outcome.Allowed)
                || (r.Case.Expected is Outcome.NotFound && r.Case.Relation.Scope is Scope.Own))
            .Select(r => (Probe: r, Absent: absent[(r.Case.Row.Key, r.Case.Tenant, r.Case.Caller, r.Case.Relation.Parameter ?? MatrixObjects.TwinId)]))
            .ToList();
        var telling = pairs.Where(p => p.Probe.Fingerprint() != p.Absent.Fingerprint()).ToList();

        Assert.NotEmpty(pairs);
        Assert.True(telling.Count == 0,
            $"{telling.Count} of {pairs.Count} probes tell an object out of reach from an absent one:\n"
            + string.Join('\n', telling.Select(p => $"  {p.Probe.Case}: {p.Probe.Fingerprint()}\n    but absent: {p.Absent.Fingerprint()}")));
    }
}
