using DataSharing.Assessment;
using DataSharing.CatalogChanges;
using DataSharing.Reviews;
using DataSharing.Sharing;
using DataSharing.Supervision;
using DataSharing.Tests.Reviews;
using DataSharing.Tests.Supervision;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Assessment;

/// <summary>Art 42 (R21): what the data authority assesses a department on; on a cluster of its own, since it moves the clock.</summary>
public sealed class AssessmentTests(PlatformTestCluster platform) : IClassFixture<PlatformTestCluster>
{
    private const string Provider = "340000-GA";

    private IShareRequestGrain Request(string id) => platform.Grains.GetGrain<IShareRequestGrain>(id);

    private async Task<DepartmentAssessment> Assess(string department = Provider, int year = 2026) =>
        Assert.Single(await platform.Grains.GetGrain<IAssessmentGrain>(0).Assess([department], year));

    [Fact]
    public async Task Art42_counts_answers_on_time_and_late_the_median_answer_time_in_working_days_reviews_changes_and_open_notices()
    {
        var ga = Actors.Operator(Provider);
        var rs = Actors.Operator("340000-RS");
        // Received Thursday 2026-09-24 (conditional entry 340000-GA-0001): due at the end of Monday 12 October.
        foreach (var id in new[] { "SR-as-a", "SR-as-b", "SR-as-c", "SR-as-d" })
        {
            await Request(id).Submit(Samples.Submission(), rs);
        }

        await Request("SR-as-d").Withdraw("No longer needed.", rs);
        await Request("SR-as-a").Approve(new ApproveShareRequest(), ga); // same day: 0 working days
        await platform.Grains.GetGrain<IShareRequestGrain>("SR-as-u").Submit(Samples.Submission(entryCode: "340000-GA-0002") with { DataItems = ["idNumber"] }, rs);
        await platform.Grains.GetGrain<IReviewGrain>("RV-as-1").File(ReviewTests.Application(ReviewRoute.Provider), rs);
        await platform.Grains.GetGrain<ICatalogChangeGrain>("CC-as-1").Declare(
            new DeclareCatalogChange(Provider, new DateOnly(2026, 9, 24), "Revised household registration rules.", []), ga);
        await platform.Grains.GetGrain<IRectificationNoticeGrain>("RN-as-1").Issue(
            RectificationNoticeTests.Findings(new DateOnly(2026, 12, 31)) with { Department = Provider }, RectificationNoticeTests.Authority);

        var early = await Assess();
        Assert.Equal(new TimelinessCounts(1, 0, 0, 2), early.ShareRequests);
        Assert.Equal(0, early.MedianAnswerWorkingDays);
        Assert.Equal(new TimelinessCounts(0, 0, 0, 1), early.Reviews);
        Assert.Equal(new TimelinessCounts(0, 0, 0, 1), early.CatalogChanges);
        Assert.Equal(1, early.NoticesOpen);

        // Monday 28 September, the first working day after the Mid-Autumn holiday (25-27 September).
        platform.AdvanceTo(new DateTimeOffset(2026, 9, 28, 10, 0, 0, TimeSpan.FromHours(8)));
        await Request("SR-as-b").Approve(new ApproveShareRequest(), ga);
        await platform.Grains.GetGrain<IReviewGrain>("RV-as-1").Confirm("Checked against the source system.", ga);
        await platform.Grains.GetGrain<ICatalogChangeGrain>("CC-as-1").RecordUpdate("Entry 0001 edited.", ga);
        await platform.Grains.GetGrain<ICatalogChangeGrain>("CC-as-1").Report("Updated catalog and the new rules attached.", ga);

        // Tuesday 13 October: SR-as-c went overdue at the end of the 12th.
        platform.AdvanceTo(new DateTimeOffset(2026, 10, 13, 10, 0, 0, TimeSpan.FromHours(8)));
        await Eventually.Get(() => Request("SR-as-c").Get(), r => r!.Status == ShareRequestStatus.Overdue);
        Assert.Equal(new TimelinessCounts(2, 0, 1, 0), (await Assess()).ShareRequests);

        // Answered late, on the 8th working day: 28-30 September, 8, 9, make-up Saturday 10, 12 and 13 October.
        await Request("SR-as-c").Refuse(new RefuseShareRequest("The matter is closed.", "Regulations on Household Registration, Art 4"), ga);
        var assessed = await Assess();
        Assert.Equal(new TimelinessCounts(2, 1, 0, 0), assessed.ShareRequests);
        Assert.Equal(1, assessed.MedianAnswerWorkingDays); // of 0, 1 and 8
        Assert.Equal(new TimelinessCounts(1, 0, 0, 0), assessed.Reviews);
        Assert.Equal(new TimelinessCounts(1, 0, 0, 0), assessed.CatalogChanges);
        Assert.Equal((1, 0), (assessed.NoticesOpen, assessed.NoticesRectified));

        // The requester is not assessed on its requests, and another year is empty.
        Assert.Equal(new TimelinessCounts(0, 0, 0, 0), (await Assess("340000-RS")).ShareRequests);
        Assert.Null((await Assess(year: 2025)).MedianAnswerWorkingDays);
    }
}
