using DataSharing.Catalog;
using DataSharing.Sharing;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Sharing;

/// <summary>R12, Art 21: use of shared data within the authorized manner, scope and period.</summary>
public sealed class AccessRulesTests
{
    private static readonly ShareRequestView Granted = new()
    {
        Id = "SR-1",
        Status = ShareRequestStatus.Granted,
        Submission = Samples.Submission(),
        ProviderDepartment = "340000-GA",
        ShareType = ShareType.Conditional,
        Grant = new ShareGrant(["idNumber"], Samples.Submission().Scenario, new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), DateTimeOffset.UnixEpoch),
    };

    private static AccessCheckRequest Use(params string[] items) =>
        new("340000-RS", "340000-GA-0001", items, Samples.Submission().Scenario);

    [Fact]
    public void Art21_use_of_granted_items_in_the_period_for_the_scenario_is_allowed() =>
        Assert.True(AccessRules.Evaluate(Granted, Use("idNumber"), new DateOnly(2026, 10, 1)).Allowed);

    [Fact]
    public void Art21_items_outside_the_grant_are_denied_and_listed()
    {
        var decision = AccessRules.Evaluate(Granted, Use("idNumber", "name"), new DateOnly(2026, 11, 1));
        Assert.False(decision.Allowed);
        Assert.Equal(["name"], decision.DeniedItems);
    }

    [Theory]
    [InlineData("2026-09-30")]
    [InlineData("2027-01-01")]
    public void Art21_use_outside_the_authorized_period_is_denied(string day) =>
        Assert.False(AccessRules.Evaluate(Granted, Use("idNumber"), DateOnly.Parse(day)).Allowed);

    [Fact]
    public void Art21_use_for_another_scenario_is_denied() =>
        Assert.False(AccessRules.Evaluate(Granted, Use("idNumber") with { Scenario = "Marketing" }, new DateOnly(2026, 11, 1)).Allowed);

    [Fact]
    public void A_grant_of_another_department_is_no_grant() =>
        Assert.False(AccessRules.Evaluate(Granted, Use("idNumber") with { Department = "340000-ZR" }, new DateOnly(2026, 11, 1)).Allowed);

    [Fact]
    public void A_revoked_grant_allows_nothing() =>
        Assert.False(AccessRules.Evaluate(Granted with { Status = ShareRequestStatus.Revoked }, Use("idNumber"), new DateOnly(2026, 11, 1)).Allowed);
}
