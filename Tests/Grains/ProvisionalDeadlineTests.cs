using DataSharing.Calendar;
using DataSharing.Common;
using DataSharing.Sharing;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Grains;

/// <summary>A deadline in a year without an official arrangement is provisional until that year is loaded.</summary>
public sealed class ProvisionalDeadlineTests(PlatformTestCluster platform) : IClassFixture<PlatformTestCluster>
{
    [Fact]
    public async Task Art25_a_provisional_deadline_is_recomputed_and_its_reminder_moved_when_the_year_is_loaded()
    {
        // Tuesday 29 Dec 2026: seven working days reach into 2027, which is not loaded.
        platform.AdvanceTo(new DateTimeOffset(2026, 12, 29, 10, 0, 0, ShanghaiTime.Offset));
        var submission = Samples.Submission() with { PeriodFrom = new(2026, 12, 29), PeriodTo = new(2027, 12, 28) };
        var grain = platform.Grains.GetGrain<IShareRequestGrain>("SR-provisional-1");
        var request = await grain.Submit(submission, Actors.Operator("340000-RS"));
        Assert.True(request.AnswerDeadline!.Provisional);
        Assert.Equal(new DateOnly(2027, 1, 7), request.AnswerDeadline.DueDate);

        // The request waits for 2027 as a row of the watcher store, not in the calendar's state.
        Assert.Contains(grain.GetGrainId(), await platform.Stores.ProvisionalWatchers.Page(2027, null, 1000));

        // The State Council's arrangement for 2027 makes 1 Jan and Mon 4 Jan holidays.
        // Only the days the deadline crosses: far fewer rest days than a real year, so the load is forced.
        await platform.Grains.GetGrain<IWorkingDayCalendarGrain>(IWorkingDayCalendarGrain.Key).LoadYear(2027, new CalendarYearLoad(
        [
            new CalendarDay(new DateOnly(2027, 1, 1), CalendarDayKind.Holiday, "New Year's Day"),
            new CalendarDay(new DateOnly(2027, 1, 4), CalendarDayKind.Holiday, "New Year's Day"),
        ], Force: true, Reason: "The test needs January only."), Actors.Admin);

        var recomputed = await Eventually.Get(() => grain.Get(), r => r!.AnswerDeadline!.Provisional == false);
        Assert.False(recomputed!.AnswerDeadline!.Provisional);
        Assert.Equal(new DateOnly(2027, 1, 11), recomputed.AnswerDeadline.DueDate);
        Assert.DoesNotContain(grain.GetGrainId(), await platform.Stores.ProvisionalWatchers.Page(2027, null, 1000));

        // The old due instant passes without effect; the new one turns the request overdue.
        platform.AdvanceTo(ShanghaiTime.EndOf(new DateOnly(2027, 1, 7)) + TimeSpan.FromHours(1));
        await Task.Delay(300);
        Assert.Equal(ShareRequestStatus.AwaitingProvider, (await grain.Get())!.Status);

        platform.AdvanceTo(recomputed.AnswerDeadline.DueAt + TimeSpan.FromMinutes(1));
        var overdue = await Eventually.Get(() => grain.Get(), r => r!.Status == ShareRequestStatus.Overdue);
        Assert.Equal(ShareRequestStatus.Overdue, overdue!.Status);
    }
}
