using DataSharing.Audit;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Reviews;
using DataSharing.Sharing;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Reviews;

/// <summary>A cluster whose clock starts on Thursday 2026-09-17, the week before the Mid-Autumn and National Day holidays.</summary>
public sealed class MidSeptemberCluster() : PlatformTestCluster(new DateTimeOffset(2026, 9, 17, 10, 0, 0, TimeSpan.FromHours(8)));

/// <summary>Reviews (覆核), Art 26 and R13-R15.</summary>
public sealed class ReviewTests(MidSeptemberCluster platform) : IClassFixture<MidSeptemberCluster>
{
    private static readonly Actor Citizen = new("citizen-42", Role.Public, null);

    private IReviewGrain Review(string id) => platform.Grains.GetGrain<IReviewGrain>(id);

    internal static FileReview Application(ReviewRoute route) =>
        new("340000-GA-0001", ["householdAddress"], "My registered address is wrong: I moved in 2025.", route, "Lease contract no. 2025-118");

    [Fact]
    public async Task Art26_a_review_filed_with_the_provider_is_due_7_working_days_after_receipt_and_the_data_is_marked_under_review()
    {
        var review = await Review("RV-due-1").File(Application(ReviewRoute.Provider), Citizen);

        Assert.Equal(ReviewStatus.Verifying, review.Status);
        Assert.Equal(new DateOnly(2026, 9, 28), review.Deadline!.DueDate);
        var entry = (await platform.Grains.GetGrain<ICatalogEntryGrain>("340000-GA-0001").Get())!;
        Assert.Equal(CatalogEntryStatus.Published, entry.Status);
        Assert.Contains("RV-due-1", entry.UnderReview!);

        await Review("RV-due-1").Confirm("The address is the one on the household register; update the register first.", Actors.Operator("340000-GA"));
        Assert.DoesNotContain("RV-due-1", (await platform.Grains.GetGrain<ICatalogEntryGrain>("340000-GA-0001").Get())!.UnderReview ?? []);
    }

    [Fact]
    public async Task Art26_R14_one_extension_of_7_working_days_by_the_provider_head_crosses_National_Day_from_the_old_due_date()
    {
        await Review("RV-ext-1").File(Application(ReviewRoute.Provider), Citizen);

        var extended = await Review("RV-ext-1").Extend(7, "The records are archived off-site.", Actors.Head("340000-GA"));

        // From Mon 28 Sep: 29, 30 Sep, (1-7 Oct holidays), 8, 9, Sat 10 (make-up), 12, 13 Oct.
        Assert.Equal(new DateOnly(2026, 10, 13), extended.Deadline!.DueDate);
        Assert.Equal(new DateOnly(2026, 9, 28), extended.Extension!.PreviousDueDate);

        var second = await Assert.ThrowsAsync<IllegalTransitionException>(() =>
            Review("RV-ext-1").Extend(1, "Still looking.", Actors.Head("340000-GA")));
        Assert.Equal("Verifying", second.CurrentState);
    }

    [Fact]
    public async Task Art26_R14_an_extension_by_an_operator_or_longer_than_7_working_days_is_refused()
    {
        await Review("RV-ext-2").File(Application(ReviewRoute.Provider), Citizen);

        await Assert.ThrowsAsync<NotEntitledException>(() => Review("RV-ext-2").Extend(3, "Busy.", Actors.Operator("340000-GA")));
        await Assert.ThrowsAsync<NotEntitledException>(() => Review("RV-ext-2").Extend(3, "Busy.", Actors.Admin));
        Assert.Equal("workingDays", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Review("RV-ext-2").Extend(8, "Busy.", Actors.Head("340000-GA")))).Field);
        Assert.Null((await Review("RV-ext-2").Get())!.Extension);
    }

    [Fact]
    public async Task Art26_Art38_routing_is_recorded_as_AwaitingRouting_to_Verifying_in_the_history_and_the_audit_log()
    {
        await Review("RV-route-audit").File(Application(ReviewRoute.Platform), Citizen);
        var routed = await Review("RV-route-audit").Route(Actors.Admin);

        var step = routed.History[^1];
        Assert.Equal(("route", "AwaitingRouting", "Verifying"), (step.Action, step.From, step.To));
        var audit = await platform.Grains.GetGrain<IAuditGrain>(0).Query(new AuditFilter(CaseId: "RV-route-audit"));
        var record = Assert.Single(audit, r => r.Entry.Action == "route");
        Assert.Equal("AwaitingRouting", record.Entry.Before);
        Assert.StartsWith("Verifying", record.Entry.After);
    }

    [Fact]
    public async Task Art26_through_the_platform_the_clock_starts_when_routed_and_only_the_platform_admin_extends()
    {
        var filed = await Review("RV-platform-1").File(Application(ReviewRoute.Platform), Citizen);
        Assert.Equal(ReviewStatus.AwaitingRouting, filed.Status);
        Assert.Null(filed.Deadline);

        await Assert.ThrowsAsync<NotEntitledException>(() => Review("RV-platform-1").Route(Actors.Operator("340000-GA")));
        var routed = await Review("RV-platform-1").Route(Actors.Admin);
        Assert.Equal(ReviewStatus.Verifying, routed.Status);
        Assert.Equal(new DateOnly(2026, 9, 28), routed.Deadline!.DueDate);

        await Assert.ThrowsAsync<NotEntitledException>(() => Review("RV-platform-1").Extend(2, "Archive.", Actors.Head("340000-GA")));
        Assert.Equal(new DateOnly(2026, 9, 30), (await Review("RV-platform-1").Extend(2, "Archive.", Actors.Admin)).Deadline!.DueDate);
    }
}

/// <summary>A review's deadline passing: on a cluster of its own, since it moves the clock.</summary>
public sealed class ReviewOverdueTests(MidSeptemberCluster platform) : IClassFixture<MidSeptemberCluster>
{
    private IReviewGrain Review(string id) => platform.Grains.GetGrain<IReviewGrain>(id);

    [Fact]
    public async Task Art26_Art43_a_review_unanswered_past_its_deadline_is_overdue_with_a_violation_and_only_the_provider_answers()
    {
        var review = await Review("RV-late-1").File(ReviewTests.Application(ReviewRoute.Provider), Actors.Operator("340000-RS"));
        await Assert.ThrowsAsync<NotEntitledException>(() => Review("RV-late-1").Correct("Fixed.", 2, Actors.Operator("340000-RS")));

        platform.AdvanceTo(review.Deadline!.DueAt + TimeSpan.FromMinutes(1));
        var overdue = await Eventually.Get(() => Review("RV-late-1").Get(), r => r!.Status == ReviewStatus.Overdue);
        Assert.Equal(ReviewStatus.Overdue, overdue!.Status);
        var violations = await Eventually.Get(() => Violations.Of(platform.Grains, "340000-GA"), v => v.Any(x => x.CaseId == "RV-late-1"));
        Assert.Equal("Art 43(5)", Assert.Single(violations, v => v.CaseId == "RV-late-1").Article);

        var corrected = await Review("RV-late-1").Correct("Address corrected in version 2.", 2, Actors.Operator("340000-GA"));
        Assert.Equal(ReviewStatus.Corrected, corrected.Status);
        Assert.True(corrected.Outcome!.Late);
    }
}
