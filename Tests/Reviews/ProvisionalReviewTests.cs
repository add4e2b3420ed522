using DataSharing.Calendar;
using DataSharing.Reviews;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Reviews;

/// <summary>A cluster whose clock starts on Thursday 2026-12-24, so seven working days reach into 2027 (not loaded).</summary>
public sealed class LateDecemberCluster() : PlatformTestCluster(new DateTimeOffset(2026, 12, 24, 10, 0, 0, TimeSpan.FromHours(8)));

public sealed class ProvisionalReviewTests(LateDecemberCluster platform) : IClassFixture<LateDecemberCluster>
{
    [Fact]
    public async Task Art26_an_extended_provisional_deadline_is_recomputed_from_receipt_with_the_base_days_then_the_extension()
    {
        var review = platform.Grains.GetGrain<IReviewGrain>("RV-prov-1");
        await review.File(ReviewTests.Application(ReviewRoute.Provider), Actors.Operator("340000-RS"));

        // Provisional: 25, 28-31 Dec, Fri 1 and Mon 4 Jan (1 Jan counted as a weekday) → 4 Jan; +3 → 7 Jan.
        var extended = await review.Extend(3, "Records archived.", Actors.Head("340000-GA"));
        Assert.True(extended.Deadline!.Provisional);
        Assert.Equal(new DateOnly(2027, 1, 7), extended.Deadline.DueDate);

        await platform.Grains.GetGrain<IWorkingDayCalendarGrain>(IWorkingDayCalendarGrain.Key).LoadYear(2027, new CalendarYearLoad(
            [new CalendarDay(new DateOnly(2027, 1, 1), CalendarDayKind.Holiday, "New Year's Day")], Force: true, Reason: "The test needs January only."), Actors.Admin);

        // Final: seven working days from receipt end on Tue 5 Jan; three more end on Fri 8 Jan.
        var recomputed = await Eventually.Get(() => review.Get(), r => r!.Deadline!.Provisional == false);
        Assert.False(recomputed!.Deadline!.Provisional);
        Assert.Equal(new DateOnly(2027, 1, 8), recomputed.Deadline.DueDate);
    }
}
