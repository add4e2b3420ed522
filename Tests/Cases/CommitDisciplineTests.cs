using DataSharing.Audit;
using DataSharing.Common;
using DataSharing.Sharing;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Cases;

/// <summary>
/// Issue 10 item 4, Art 38: an act is either not done and reported as failed, or done, answered as done, recorded in
/// the audit log and listed, whatever fails around its write.
/// </summary>
public sealed class CommitDisciplineTests(FaultyPlatform platform) : IClassFixture<FaultyPlatform>
{
    private IShareRequestGrain Request(string id) => platform.Grains.GetGrain<IShareRequestGrain>(id);

    private async Task<ShareRequestView> SubmitConditional(string id)
    {
        var today = ShanghaiTime.DateOf(platform.Clock.GetUtcNow());
        var submission = Samples.Submission() with { PeriodFrom = today, PeriodTo = today.AddDays(300) };
        return await Request(id).Submit(submission, Actors.Operator(submission.RequesterDepartment));
    }

    private async Task<IReadOnlyList<string>> AuditActions(string id) =>
        (await platform.Stores.Audit.Query(new AuditFilter(CaseId: id))).Select(r => r.Entry.Action).ToList();

    private async Task<bool> InInbox(string id) =>
        (await platform.Stores.ShareRequests.Inbox("340000-GA", new PageRequest(PageRequest.MaxLimit))).Items.Any(r => r.Id == id);

    [Fact]
    public async Task Art38_an_approval_whose_audit_append_and_list_row_fail_after_the_write_is_answered_as_done_once_and_recorded_later()
    {
        await SubmitConditional("SR-commit-1");
        Assert.True(await InInbox("SR-commit-1"));

        platform.AuditDown = true;
        platform.ReadModelDown = true;
        ShareRequestView approved;
        try
        {
            // The write succeeds; what follows fails. The act is done, so it is answered as done.
            approved = await Request("SR-commit-1").Approve(new ApproveShareRequest(), Actors.Operator("340000-GA"));
        }
        finally
        {
            platform.AuditDown = false;
            platform.ReadModelDown = false;
        }

        Assert.Equal(ShareRequestStatus.Granted, approved.Status);
        Assert.Equal(["submit"], await AuditActions("SR-commit-1"));

        // The retry reminder (armed because something was left pending) records and lists it, with no other call.
        await platform.Advance(CaseDeadlinesRetry);
        Assert.Equal(["submit", "approve"], await Eventually.Get(() => AuditActions("SR-commit-1"), a => a.Count == 2));
        Assert.False(await Eventually.Get(() => InInbox("SR-commit-1"), inbox => !inbox));

        // Answered once: a second approval is an illegal transition, also after the activation is gone.
        await Assert.ThrowsAsync<IllegalTransitionException>(() => Request("SR-commit-1").Approve(new ApproveShareRequest(), Actors.Operator("340000-GA")));
        await platform.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(ShareRequestStatus.Granted, (await Request("SR-commit-1").Get())!.Status);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => Request("SR-commit-1").Approve(new ApproveShareRequest(), Actors.Operator("340000-GA")));
        Assert.Equal(["submit", "approve"], await AuditActions("SR-commit-1"));
        Assert.True((await AuditChain.Verify(platform.Stores.Audit.ReadAll())).Intact);
    }

    [Fact]
    public async Task An_approval_whose_write_fails_is_reported_as_failed_and_leaves_the_case_as_it_was_stored()
    {
        await SubmitConditional("SR-commit-2");

        platform.FailNextWriteOf = "shareRequest";
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Request("SR-commit-2").Approve(new ApproveShareRequest(), Actors.Operator("340000-GA")));

        Assert.Contains("injected", failure.ToString());

        // Not half-done: the next call reads the stored request, still awaiting an answer, and the approval can be retried.
        Assert.Equal(ShareRequestStatus.AwaitingProvider, (await Request("SR-commit-2").Get())!.Status);
        Assert.Equal(["submit"], await AuditActions("SR-commit-2"));
        Assert.True(await InInbox("SR-commit-2"));

        var retried = await Request("SR-commit-2").Approve(new ApproveShareRequest(), Actors.Operator("340000-GA"));
        Assert.Equal(ShareRequestStatus.Granted, retried.Status);
        Assert.Equal(["submit", "approve"], await AuditActions("SR-commit-2"));
    }

    private static readonly TimeSpan CaseDeadlinesRetry = DataSharing.Calendar.CaseDeadlines.RetryPeriod + TimeSpan.FromSeconds(5);
}
