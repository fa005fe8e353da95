using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests.Access;

public sealed class AccessEvaluatorTests
{
    private static readonly TwinResource Pump1 = new("pump-1", "centrifugal-pump");
    private static readonly TwinResource Pump2 = new("pump-2", "centrifugal-pump");
    private static readonly TwinResource Monitor = new("monitor-1", "patient-monitor");
    private static readonly AccessSubject Viewer = new("apikey:v1", TenantRole.Viewer);

    [Fact]
    public void NoPolicy_TheRoleDecides()
    {
        Assert.True(AccessEvaluator.Decide(AccessPolicy.Empty, Viewer, Permission.ReadTwins, Pump1));
        Assert.False(AccessEvaluator.Decide(AccessPolicy.Empty, Viewer, Permission.WriteDesired, Pump1));
        Assert.False(AccessEvaluator.Decide(AccessPolicy.Empty, new AccessSubject("apikey:a", TenantRole.Auditor), Permission.ReadTwins, Pump1));
    }

    [Fact]
    public void RevokeOnATwin_HidesThatTwinOnly()
    {
        var policy = Policy(Entry(["role:viewer"], ["twin:pump-1"], revoke: [Permission.ReadTwins]));

        Assert.False(AccessEvaluator.Decide(policy, Viewer, Permission.ReadTwins, Pump1));
        Assert.True(AccessEvaluator.Decide(policy, Viewer, Permission.ReadTwins, Pump2));
    }

    [Fact]
    public void GrantDeeperThanARevoke_OpensAgain()
    {
        var policy = Policy(
            Entry(["role:viewer"], ["model:centrifugal-pump"], revoke: [Permission.ReadTwins]),
            Entry(["apikey:v1"], ["twin:pump-2"], grant: [Permission.ReadTwins]));

        Assert.False(AccessEvaluator.Decide(policy, Viewer, Permission.ReadTwins, Pump1));
        Assert.True(AccessEvaluator.Decide(policy, Viewer, Permission.ReadTwins, Pump2));
    }

    [Fact]
    public void GrantAndRevokeAtTheSameDepth_TheRevokeWins()
    {
        var policy = Policy(
            Entry(["*"], ["twin:pump-1"], grant: [Permission.WriteDesired]),
            Entry(["role:viewer"], ["twin:pump-1"], revoke: [Permission.WriteDesired]));

        Assert.False(AccessEvaluator.Decide(policy, Viewer, Permission.WriteDesired, Pump1));
    }

    [Fact]
    public void RevokeOnAProperty_SurvivesAGrantOnItsTwin()
    {
        var policy = Policy(
            Entry(["role:viewer"], ["twin:pump-1"], grant: [Permission.ReadTwins]),
            Entry(["role:viewer"], ["*/bearingWear"], revoke: [Permission.ReadTwins]));

        Assert.True(AccessEvaluator.Decide(policy, Viewer, Permission.ReadTwins, Pump1));
        Assert.True(AccessEvaluator.Decide(policy, Viewer, Permission.ReadTwins, Pump1, "speed"));
        Assert.False(AccessEvaluator.Decide(policy, Viewer, Permission.ReadTwins, Pump1, "bearingWear"));
    }

    [Fact]
    public void PropertyRules_DoNotDecideTheTwinAsAWhole()
    {
        var policy = Policy(Entry(["role:viewer"], ["twin:pump-1/speed"], revoke: [Permission.ReadTwins]));

        Assert.True(AccessEvaluator.Decide(policy, Viewer, Permission.ReadTwins, Pump1));
    }

    [Fact]
    public void WriteDoesNotImplyRead()
    {
        var policy = Policy(
            Entry(["apikey:w1"], ["twin:pump-1"], grant: [Permission.WriteDesired]),
            Entry(["apikey:w1"], ["*"], revoke: [Permission.ReadTwins]));
        var writer = new AccessSubject("apikey:w1", TenantRole.Viewer);

        Assert.True(AccessEvaluator.Decide(policy, writer, Permission.WriteDesired, Pump1));
        Assert.False(AccessEvaluator.Decide(policy, writer, Permission.ReadTwins, Pump1));
    }

    [Fact]
    public void TenantWidePermissions_IgnoreNarrowSelectors()
    {
        var policy = Policy(Entry(["role:viewer"], ["model:centrifugal-pump"], grant: [Permission.ReadAudit]));

        Assert.False(AccessEvaluator.Decide(policy, Viewer, Permission.ReadAudit));
        Assert.False(AccessEvaluator.MayHoldAnywhere(policy, Viewer, Permission.ReadAudit));
    }

    [Fact]
    public void GrantOnOneTwin_LetsThroughTheGateButNotToOtherTwins()
    {
        var policy = Policy(Entry(["role:viewer"], ["twin:pump-1"], grant: [Permission.WriteDesired]));

        Assert.True(AccessEvaluator.MayHoldAnywhere(policy, Viewer, Permission.WriteDesired));
        Assert.True(AccessEvaluator.Decide(policy, Viewer, Permission.WriteDesired, Pump1));
        Assert.False(AccessEvaluator.Decide(policy, Viewer, Permission.WriteDesired, Pump2));
    }

    [Fact]
    public void EntriesForOtherSubjects_ChangeNothing()
    {
        var policy = Policy(Entry(["role:operator", "apikey:other", "user:alice"], ["*"], revoke: [Permission.ReadTwins]));

        Assert.True(AccessEvaluator.Decide(policy, Viewer, Permission.ReadTwins, Pump1));
    }

    [Theory]
    [InlineData(DataClassification.Proprietary, DataClassification.Proprietary, null, true)]
    [InlineData(DataClassification.Proprietary, DataClassification.Personal, "care", false)]
    [InlineData(DataClassification.Health, DataClassification.Health, null, false)]
    [InlineData(DataClassification.Health, DataClassification.Health, "research", false)]
    [InlineData(DataClassification.Health, DataClassification.Health, "care", true)]
    [InlineData(DataClassification.Health, DataClassification.Personal, "care", true)]
    [InlineData(DataClassification.Personal, DataClassification.Health, "care", false)]
    public void CanRead_NeedsClearanceAndForPersonalAndHealthAPurpose(
        DataClassification clearance, DataClassification classification, string? purpose, bool expected)
    {
        var policy = new AccessPolicy(
            ["care", "research"],
            new Dictionary<DataClassification, IReadOnlySet<string>>
            {
                [DataClassification.Health] = new HashSet<string>(["care"]),
                [DataClassification.Personal] = new HashSet<string>(["care"]),
            },
            []);

        Assert.Equal(expected, AccessEvaluator.CanRead(policy, Viewer, clearance, purpose, Monitor, "heartRate", classification));
    }

    [Fact]
    public void Scopes_ConfineACredentialToItsTwinsAndProperties()
    {
        ResourceSelector[] scopes = [Selector("twin:pump-1"), Selector("model:patient-monitor/heartRate")];

        Assert.True(AccessEvaluator.WithinScopes(scopes, Pump1, null));
        Assert.True(AccessEvaluator.WithinScopes(scopes, Pump1, "speed"));
        Assert.False(AccessEvaluator.WithinScopes(scopes, Pump2, null));
        Assert.True(AccessEvaluator.WithinScopes(scopes, Monitor, null));
        Assert.True(AccessEvaluator.WithinScopes(scopes, Monitor, "heartRate"));
        Assert.False(AccessEvaluator.WithinScopes(scopes, Monitor, "patientPseudonym"));
        Assert.True(AccessEvaluator.WithinScopes([], Pump2, "speed"));
    }

    internal static AccessPolicy Policy(params PolicyEntry[] entries) =>
        new([], new Dictionary<DataClassification, IReadOnlySet<string>>(), entries);

    internal static PolicyEntry Entry(string[] subjects, string[] resources, Permission[]? grant = null, Permission[]? revoke = null) =>
        new("test", subjects, [.. resources.Select(Selector)], (grant ?? []).ToHashSet(), (revoke ?? []).ToHashSet());

    internal static ResourceSelector Selector(string text) =>
        ResourceSelector.TryParse(text, out var selector, out var error) ? selector : throw new ArgumentException(error, nameof(text));
}
