using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mirrorspace.Server.Tests.Authorization;

/// <summary>Which object parameter a case moves out of the caller's tenant, if any; every other one stays the caller's.</summary>
public sealed record Relation(Scope Scope, string? Parameter)
{
    public static Relation Own { get; } = new(Scope.Own, null);

    public override string ToString() => Scope switch
    {
        Scope.Own => "own objects",
        Scope.Foreign => $"other tenant's {Parameter}",
        _ => $"absent {Parameter}",
    };
}

/// <summary>One request of the matrix: an endpoint, a caller, the objects it names, and the answer the oracle expects.</summary>
/// <param name="Tenant">The callers' tenant, A or B; the other one is the foreign tenant.</param>
public sealed record MatrixCase(
    OracleRow Row, RequestRecipe Recipe, string Tenant, Caller Caller, Relation Relation, IReadOnlyDictionary<string, string> Values, Outcome Expected)
{
    public string Path => Fill(Recipe.PathTemplate);

    public string? Body => Recipe.Body is null ? null : Fill(Recipe.Body);

    public override string ToString() => $"{Row.Key} as {Caller} of tenant {Tenant} with {Relation}";

    private string Fill(string template) =>
        Values.Aggregate(template, (text, value) => text.Replace($"{{{value.Key}}}", value.Value, StringComparison.Ordinal));
}

/// <summary>A case and what the node answered.</summary>
public sealed record MatrixResult(MatrixCase Case, int Status, JsonObject? Problem)
{
    public Outcome Actual => Expectation.Of(Status);

    public bool Matches => Actual == Case.Expected;

    public bool IsUnexpectedAllow => Actual is Outcome.Allowed && Case.Expected is not Outcome.Allowed;

    public bool IsUnexpectedDeny => (Actual is Outcome.Unauthenticated or Outcome.Forbidden or Outcome.NotFound) && Case.Expected is Outcome.Allowed;

    /// <summary>
    /// What a prober could tell apart: the status and the problem's type, title and detail. The ids the request
    /// named are blanked out of the detail, since the prober chose them.
    /// </summary>
    public string Fingerprint()
    {
        var detail = Case.Values
            .OrderByDescending(v => v.Value.Length)
            .Aggregate(Problem?["detail"]?.ToString() ?? string.Empty, (text, v) => Regex.Replace(text, $@"\b{Regex.Escape(v.Value)}\b", $"{{{v.Key}}}"));
        return $"{Status} type={Problem?["type"]} title={Problem?["title"]} status={Problem?["status"]} detail={detail}";
    }
}
