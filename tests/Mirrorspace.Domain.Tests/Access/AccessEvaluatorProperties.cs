using FsCheck;
using FsCheck.Fluent;
using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests.Access;

/// <summary>Random policies and requests: the product's evaluator must answer exactly as the hand-written oracle.</summary>
public sealed class AccessEvaluatorProperties
{
    private const int Runs = 3_000;

    private static readonly string[] Subjects = ["*", "role:viewer", "role:operator", "role:auditor", "apikey:k1", "user:alice", "oidc:idp:s1"];
    private static readonly string[] Resources = ["*", "model:pump", "model:monitor", "twin:t1", "twin:t2", "*/speed", "model:pump/speed", "twin:t1/speed", "twin:t2/heartRate"];
    private static readonly Permission[] Permissions = [Permission.ReadTwins, Permission.WriteDesired, Permission.ManageTwins, Permission.ReadAudit, Permission.ManageAccess];
    private static readonly string[] Principals = ["apikey:k1", "apikey:k2", "user:alice", "oidc:idp:s1"];
    private static readonly (string Twin, string Model)?[] Twins = [null, ("t1", "pump"), ("t2", "monitor"), ("t3", "pump")];
    private static readonly string?[] Properties = [null, "speed", "heartRate"];

    [Fact]
    public void Decide_AgreesWithTheOracle()
    {
        var cases =
            from entries in Entry().ListOf().Select(l => l.Take(6).ToList())
            from principal in Gen.Elements(Principals)
            from role in Gen.Elements(Enum.GetValues<TenantRole>())
            from permission in Gen.Elements(Permissions)
            from twin in Gen.Elements(Twins)
            from property in Gen.Elements(Properties)
            select new Case(entries, principal, role, permission, twin, twin is null ? null : property);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var policy = new AccessPolicy([], new Dictionary<DataClassification, IReadOnlySet<string>>(), [.. c.Entries.Select(ToEntry)]);
            var actual = AccessEvaluator.Decide(
                policy, new AccessSubject(c.Principal, c.Role), c.Permission, c.Twin is { } t ? new TwinResource(t.Twin, t.Model) : null, c.Property);
            var expected = AccessOracle.Allows(c.Entries, c.Principal, c.Role, c.Permission, c.Twin, c.Property);
            return actual == expected;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Runs));
    }

    [Fact]
    public void AGrantOnlyOfWrites_NeverOpensReads()
    {
        var writes = from subjects in Gen.SubListOf(Subjects).Where(s => s.Count > 0)
                     from resources in Gen.SubListOf(Resources).Where(r => r.Count > 0)
                     from role in Gen.Elements(TenantRole.Auditor)
                     select (Subjects: subjects.ToArray(), Resources: resources.ToArray(), Role: role);

        Prop.ForAll(writes.ToArbitrary(), w =>
        {
            var policy = new AccessPolicy(
                [], new Dictionary<DataClassification, IReadOnlySet<string>>(), [AccessEvaluatorTests.Entry(w.Subjects, w.Resources, grant: [Permission.WriteDesired, Permission.ManageTwins])]);
            return !AccessEvaluator.MayHoldAnywhere(policy, new AccessSubject("apikey:k1", w.Role), Permission.ReadTwins);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Runs));
    }

    private static Gen<(string[] Subjects, string[] Resources, Permission[] Grant, Permission[] Revoke)> Entry() =>
        from subjects in Gen.SubListOf(Subjects).Where(s => s.Count > 0)
        from resources in Gen.SubListOf(Resources).Where(r => r.Count > 0)
        from grant in Gen.SubListOf(Permissions)
        from revoke in Gen.SubListOf(Permissions)
        select (subjects.ToArray(), resources.ToArray(), grant.ToArray(), revoke.ToArray());

    private static PolicyEntry ToEntry((string[] Subjects, string[] Resources, Permission[] Grant, Permission[] Revoke) e) =>
        AccessEvaluatorTests.Entry(e.Subjects, e.Resources, e.Grant, e.Revoke);

    private sealed record Case(
        List<(string[] Subjects, string[] Resources, Permission[] Grant, Permission[] Revoke)> Entries,
        string Principal,
        TenantRole Role,
        Permission Permission,
        (string Twin, string Model)? Twin,
        string? Property)
    {
        public override string ToString() =>
            $"{Principal} ({Role}) {Permission} on {Twin?.Twin ?? "tenant"}/{Property ?? "-"} with "
            + string.Join(" | ", Entries.Select(e => $"[{string.Join(",", e.Subjects)}] [{string.Join(",", e.Resources)}] +{string.Join(",", e.Grant)} -{string.Join(",", e.Revoke)}"));
    }
}
