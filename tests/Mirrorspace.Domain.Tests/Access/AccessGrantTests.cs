using Mirrorspace.Domain.Access;
using Mirrorspace.Domain.Models;

namespace Mirrorspace.Domain.Tests.Access;

/// <summary>A holder hands out at most what it holds: role permissions, clearance, purpose and scopes.</summary>
public sealed class AccessGrantTests
{
    [Theory]
    [InlineData(TenantRole.Operator, TenantRole.Admin)]
    [InlineData(TenantRole.Auditor, TenantRole.Viewer)]
    [InlineData(TenantRole.Viewer, TenantRole.Analyst)]
    [InlineData(TenantRole.Analyst, TenantRole.Auditor)]
    public void Exceeded_RoleWithPermissionsTheHolderLacks_NamesTheRole(TenantRole holder, TenantRole requested)
    {
        var sut = Grant(holder);

        var errors = sut.Exceeded(Grant(requested));

        Assert.Equal("$.role", Assert.Single(errors).Path);
    }

    [Theory]
    [InlineData(TenantRole.Admin, TenantRole.Admin)]
    [InlineData(TenantRole.Admin, TenantRole.Auditor)]
    [InlineData(TenantRole.Operator, TenantRole.Analyst)]
    [InlineData(TenantRole.Analyst, TenantRole.Viewer)]
    public void Exceeded_RoleWithinTheHolders_IsEmpty(TenantRole holder, TenantRole requested)
    {
        Assert.Empty(Grant(holder).Exceeded(Grant(requested)));
    }

    [Fact]
    public void Exceeded_ClearanceAboveTheHolders_NamesTheClearance()
    {
        var sut = Grant(TenantRole.Admin) with { Clearance = DataClassification.Personal };

        Assert.Equal("$.clearance", Assert.Single(sut.Exceeded(Grant(TenantRole.Viewer) with { Clearance = DataClassification.Health })).Path);
        Assert.Empty(sut.Exceeded(Grant(TenantRole.Viewer) with { Clearance = DataClassification.Personal }));
    }

    [Fact]
    public void Exceeded_HolderBoundToAPurpose_RequiresTheSamePurpose()
    {
        var sut = Grant(TenantRole.Admin) with { Purpose = "treatment" };

        Assert.Equal("$.purpose", Assert.Single(sut.Exceeded(Grant(TenantRole.Viewer))).Path);
        Assert.Equal("$.purpose", Assert.Single(sut.Exceeded(Grant(TenantRole.Viewer) with { Purpose = "research" })).Path);
        Assert.Empty(sut.Exceeded(Grant(TenantRole.Viewer) with { Purpose = "treatment" }));
    }

    [Fact]
    public void Exceeded_UnboundHolder_MayBindAnyPurpose()
    {
        Assert.Empty(Grant(TenantRole.Admin).Exceeded(Grant(TenantRole.Viewer) with { Purpose = "research" }));
    }

    [Fact]
    public void Exceeded_ScopedHolder_AllowsOnlyASubsetOfItsSelectors()
    {
        var sut = Grant(TenantRole.Admin) with { Scopes = ["twin:a", "twin:b"] };

        Assert.Equal("$.scopes", Assert.Single(sut.Exceeded(Grant(TenantRole.Viewer))).Path);
        Assert.Equal("$.scopes", Assert.Single(sut.Exceeded(Grant(TenantRole.Viewer) with { Scopes = ["twin:a", "twin:c"] })).Path);
        Assert.Empty(sut.Exceeded(Grant(TenantRole.Viewer) with { Scopes = ["twin:b"] }));
    }

    [Fact]
    public void IsReadOnly_EachRole_OnlyTheReadingRoles()
    {
        Assert.Equal(
            [TenantRole.Viewer, TenantRole.Analyst, TenantRole.Auditor],
            Enum.GetValues<TenantRole>().Where(RolePermissions.IsReadOnly));
    }

    private static AccessGrant Grant(TenantRole role) => new(role, DataClassification.Proprietary, null, []);
}
