using DataSharing.Calendar;
using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Sharing;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Grains;

/// <summary>
/// Deadlines as durable reminders, on a cluster whose clock the test moves. Each test uses its own request ids; the
/// clock only moves forward, so tests that need a particular date set it explicitly relative to the receipt.
/// </summary>
public sealed class ShareRequestDeadlineTests(PlatformTestCluster platform) : IClassFixture<PlatformTestCluster>
{
    private IGrainFactory Grains => platform.Grains;

    private static ShareRequestSubmission SubmissionFor(DateTimeOffset now) => Samples.Submission() with
    {
        PeriodFrom = ShanghaiTime.DateOf(now),
        PeriodTo = ShanghaiTime.DateOf(now).AddDays(365),
    };

    private async Task<ShareRequestView> SubmitConditional(string id)
    {
        var submission = SubmissionFor(platform.Clock.GetUtcNow());
        return await Grains.GetGrain<IShareRequestGrain>(id).Submit(submission, Actors.Operator(submission.RequesterDepartment));
    }

    [Fact]
    public async Task Art25_Art43_unanswered_conditional_request_turns_overdue_when_its_reminder_fires_and_the_provider_gets_a_violation()
    {
        var request = await SubmitConditional("SR-overdue-1");
        Assert.Equal(ShareRequestStatus.AwaitingProvider, request.Status);
        var due = request.AnswerDeadline!;
        Assert.Equal(7, due.WorkingDays);
        Assert.Equal(ShanghaiTime.EndOf(due.DueDate), due.DueAt);

        var inbox = await Grains.GetGrain<IShareRequestQueryGrain>(0).Inbox("340000-GA", PageRequest.First);
        Assert.Contains(inbox.Items, r => r.Id == "SR-overdue-1");

        // One minute before the end of the 7th working day nothing happens...
        platform.AdvanceTo(due.DueAt - TimeSpan.FromMinutes(1));
        await Task.Delay(200);
        Assert.Equal(ShareRequestStatus.AwaitingProvider, (await Grains.GetGrain<IShareRequestGrain>("SR-overdue-1").Get())!.Status);

        // ...and once it has passed, the reminder turns the request overdue.
        await platform.Advance(TimeSpan.FromMinutes(2));
        var overdue = await Eventually.Get(
            () => Grains.GetGrain<IShareRequestGrain>("SR-overdue-1").Get(),
            r => r!.Status == ShareRequestStatus.Overdue);
        Assert.Equal(ShareRequestStatus.Overdue, overdue!.Status);
        Assert.Equal("overdue", overdue.History[^1].Action);

        var violations = await Eventually.Get(
            () => Violations.Of(Grains, "340000-GA"),
            v => v.Any(x => x.CaseId == "SR-overdue-1"));
        var violation = Assert.Single(violations, v => v.CaseId == "SR-overdue-1");
        Assert.Equal("Art 43(4)", violation.Article);

        var overdueList = await Eventually.Get(() => Grains.GetGrain<IShareRequestQueryGrain>(0).Overdue(PageRequest.First), l => l.Items.Any(r => r.Id == "SR-overdue-1"));
        Assert.Contains(overdueList.Items, r => r.Id == "SR-overdue-1");

        // An overdue request is still answerable; the answer is recorded as late.
        var approved = await Grains.GetGrain<IShareRequestGrain>("SR-overdue-1").Approve(new ApproveShareRequest(), Actors.Operator("340000-GA"));
        Assert.Equal(ShareRequestStatus.Granted, approved.Status);
        Assert.True(approved.Answer!.Late);
    }

    [Fact]
    public async Task Art25_an_answer_in_time_stops_the_deadline()
    {
        var request = await SubmitConditional("SR-in-time-1");
        await Grains.GetGrain<IShareRequestGrain>("SR-in-time-1").Refuse(
            new RefuseShareRequest("The scenario is outside the requester's duties.", "Regulations on Household Registration, Art 4"), Actors.Operator("340000-GA"));

        platform.AdvanceTo(request.AnswerDeadline!.DueAt + TimeSpan.FromDays(3));
        await Task.Delay(300);

        var after = await Grains.GetGrain<IShareRequestGrain>("SR-in-time-1").Get();
        Assert.Equal(ShareRequestStatus.Refused, after!.Status);
        Assert.False(after.Answer!.Late);
        Assert.DoesNotContain(await Violations.Of(Grains, "340000-GA"), v => v.CaseId == "SR-in-time-1");
    }

    [Fact]
    public async Task Art21_a_grant_expires_at_the_end_of_its_period()
    {
        var submission = SubmissionFor(platform.Clock.GetUtcNow());
        var grain = Grains.GetGrain<IShareRequestGrain>("SR-expiry-1");
        await grain.Submit(submission, Actors.Operator(submission.RequesterDepartment));
        var validTo = submission.PeriodFrom.AddDays(10);
        var granted = await grain.Approve(new ApproveShareRequest(ValidTo: validTo), Actors.Operator("340000-GA"));
        Assert.Equal(validTo, granted.Grant!.ValidTo);

        platform.AdvanceTo(ShanghaiTime.EndOf(validTo) + TimeSpan.FromSeconds(1));
        var expired = await Eventually.Get(() => grain.Get(), r => r!.Status == ShareRequestStatus.Expired);
        Assert.Equal(ShareRequestStatus.Expired, expired!.Status);
    }
}
