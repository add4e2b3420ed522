using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Supervision;
using DataSharing.Tests.Reviews;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Supervision;

/// <summary>Art 43 (R22): rectification by the authority's deadline, else the government's, else serious.</summary>
public sealed class RectificationNoticeTests(MidSeptemberCluster platform) : IClassFixture<MidSeptemberCluster>
{
    internal static readonly Actor Authority = new("authority", Role.DataAuthority, null);

    private IRectificationNoticeGrain Notice(string id) => platform.Grains.GetGrain<IRectificationNoticeGrain>(id);

    internal static IssueNotice Findings(DateOnly by) =>
        new("340000-SC", ViolationCategory.SharingRefusedOrDelayed, "Three conditional requests answered after the deadline in Q3.", by);

    [Fact]
    public async Task Art43_a_rejected_report_leaves_the_notice_open_and_an_accepted_one_rectifies_it()
    {
        var issued = await Notice("RN-ok-1").Issue(Findings(new DateOnly(2026, 10, 30)), Authority);
        Assert.Equal(RectificationStatus.Open, issued.Status);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.FromHours(8)), issued.DueAt);

        await Notice("RN-ok-1").ReportRectification("Answering duty assigned to two operators.", Actors.Operator("340000-SC"));
        var rejected = await Notice("RN-ok-1").Decide(false, "No evidence of the new procedure.", Authority);
        Assert.Equal(RectificationStatus.Open, rejected.Status);

        await Notice("RN-ok-1").ReportRectification("Procedure SC-2026-12 attached.", Actors.Head("340000-SC"));
        Assert.Equal(RectificationStatus.Rectified, (await Notice("RN-ok-1").Decide(true, null, Authority)).Status);
        Assert.DoesNotContain(await Violations.Of(platform.Grains, "340000-SC"), v => v.CaseId == "RN-ok-1");
    }

    [Fact]
    public async Task Art43_only_the_data_authority_issues_and_decides_and_only_the_department_reports()
    {
        await Assert.ThrowsAsync<NotEntitledException>(() => Notice("RN-who-1").Issue(Findings(new DateOnly(2026, 10, 30)), Actors.Admin));
        await Notice("RN-who-2").Issue(Findings(new DateOnly(2026, 10, 30)), Authority);
        await Assert.ThrowsAsync<NotEntitledException>(() => Notice("RN-who-2").ReportRectification("Done.", Actors.Operator("340000-GA")));
        await Notice("RN-who-2").ReportRectification("Done.", Actors.Operator("340000-SC"));
        await Assert.ThrowsAsync<NotEntitledException>(() => Notice("RN-who-2").Decide(true, null, Actors.Head("340000-SC")));
        Assert.Equal("rectifyBy", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Notice("RN-who-3").Issue(Findings(new DateOnly(2026, 9, 1)), Authority))).Field);
    }
}

/// <summary>Art 43 deadlines passing: on a cluster of its own, since it moves the clock.</summary>
public sealed class RectificationEscalationTests(MidSeptemberCluster platform) : IClassFixture<MidSeptemberCluster>
{
    private IRectificationNoticeGrain Notice(string id) => platform.Grains.GetGrain<IRectificationNoticeGrain>(id);

    [Fact]
    public async Task Art43_not_rectified_by_the_deadline_escalates_to_the_government_and_missing_its_deadline_is_serious()
    {
        var authority = RectificationNoticeTests.Authority;
        var issued = await Notice("RN-esc-1").Issue(RectificationNoticeTests.Findings(new DateOnly(2026, 9, 30)), authority);

        platform.AdvanceTo(issued.DueAt + TimeSpan.FromMinutes(1));
        var escalated = await Eventually.Get(() => Notice("RN-esc-1").Get(), n => n!.Status == RectificationStatus.Escalated);
        Assert.Equal(RectificationStatus.Escalated, escalated!.Status);

        // The department cannot report while the government has yet to set its deadline.
        await Assert.ThrowsAsync<IllegalTransitionException>(() => Notice("RN-esc-1").ReportRectification("Done.", Actors.Operator("340000-SC")));

        var ordered = await Notice("RN-esc-1").RecordGovernmentOrder(new DateOnly(2026, 10, 20), "Provincial government order No. 17.", authority);
        Assert.Equal(RectificationStatus.GovernmentOrdered, ordered.Status);

        platform.AdvanceTo(ordered.DueAt + TimeSpan.FromMinutes(1));
        var serious = await Eventually.Get(() => Notice("RN-esc-1").Get(), n => n!.Status == RectificationStatus.Serious);
        Assert.Equal(RectificationStatus.Serious, serious!.Status);

        var violations = await Eventually.Get(() => Violations.Of(platform.Grains, "340000-SC"),
            v => v.Count(x => x.CaseId == "RN-esc-1") == 2);
        Assert.Equal(["RN-esc-1:not-rectified", "RN-esc-1:serious"], violations.Where(v => v.CaseId == "RN-esc-1").Select(v => v.Id).Order());
        Assert.All(violations.Where(v => v.CaseId == "RN-esc-1"), v => Assert.Equal("Art 43(4)", v.Article));

        // Even a serious case is closed once rectified.
        await Notice("RN-esc-1").ReportRectification("Corrected at last.", Actors.Operator("340000-SC"));
        Assert.Equal(RectificationStatus.Rectified, (await Notice("RN-esc-1").Decide(true, null, authority)).Status);
    }
}
