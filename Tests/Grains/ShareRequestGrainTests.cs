using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Sharing;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Grains;

public sealed class ShareRequestGrainTests(PlatformTestCluster platform) : IClassFixture<PlatformTestCluster>
{
    private IShareRequestGrain Request(string id) => platform.Grains.GetGrain<IShareRequestGrain>(id);

    [Fact]
    public async Task Art25_a_request_for_unconditional_data_is_granted_at_once()
    {
        var submission = Samples.Submission(entryCode: "340000-GA-0002") with { DataItems = ["idNumber", "cardStatus"], Materials = [] };
        var request = await Request("SR-unconditional-1").Submit(submission, Actors.Operator("340000-RS"));

        Assert.Equal(ShareRequestStatus.Granted, request.Status);
        Assert.Equal(["idNumber", "cardStatus"], request.Grant!.DataItems);
        Assert.Null(request.AnswerDeadline);
    }

    [Fact]
    public async Task Art22_Art25_a_request_for_data_not_shared_is_refused_quoting_the_entry_legal_basis()
    {
        var entry = (await platform.Grains.GetGrain<ICatalogEntryGrain>("340000-RS-0002").Get())!;
        var submission = Samples.Submission(requester: "340000-GA", entryCode: "340000-RS-0002") with { DataItems = ["appraisals"], Materials = [] };
        var request = await Request("SR-notshared-1").Submit(submission, Actors.Operator("340000-GA"));

        Assert.Equal(ShareRequestStatus.Refused, request.Status);
        Assert.Equal(entry.Content.LegalBasis, request.Answer!.LegalBasis);
        Assert.Equal(entry.Content.ShareReason, request.Answer.Reason);
    }

    [Fact]
    public async Task Art21_Art38_a_submission_or_approval_reaching_9999_12_31_is_refused_and_leaves_the_request_as_it_was()
    {
        var far = Samples.Submission() with { PeriodFrom = new(9999, 12, 31), PeriodTo = new(9999, 12, 31) };
        Assert.Equal("periodFrom", (await Assert.ThrowsAsync<ValidationFailedException>(() => Request("SR-far-1").Submit(far, Actors.Operator("340000-RS")))).Field);
        Assert.Null(await Request("SR-far-1").Get());

        await Request("SR-far-2").Submit(Samples.Submission(), Actors.Operator("340000-RS"));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Request("SR-far-2").Approve(new ApproveShareRequest(ValidTo: new DateOnly(9999, 12, 31)), Actors.Operator("340000-GA")));
        Assert.Equal("validTo", refused.Field);

        // Not granted in memory, not in the history, not in the audit log: the approval can be made again, properly.
        var request = (await Request("SR-far-2").Get())!;
        Assert.Equal(ShareRequestStatus.AwaitingProvider, request.Status);
        Assert.Equal(["submit"], request.History.Select(h => h.Action));
        var audit = await platform.Grains.GetGrain<DataSharing.Audit.IAuditGrain>(0).Query(new DataSharing.Audit.AuditFilter(CaseId: "SR-far-2"));
        Assert.Equal(["submit"], audit.Select(r => r.Entry.Action));
        Assert.Equal(ShareRequestStatus.Granted, (await Request("SR-far-2").Approve(new ApproveShareRequest(), Actors.Operator("340000-GA"))).Status);
    }

    [Fact]
    public async Task Submitting_the_same_request_again_returns_it_and_other_content_under_the_same_id_is_refused()
    {
        var first = await Request("SR-idem-1").Submit(Samples.Submission(), Actors.Operator("340000-RS"));
        var again = await Request("SR-idem-1").Submit(Samples.Submission(), Actors.Operator("340000-RS"));
        Assert.Equal(first.ReceivedAt, again.ReceivedAt);

        var e = await Assert.ThrowsAsync<IllegalTransitionException>(() =>
            Request("SR-idem-1").Submit(Samples.Submission() with { Scenario = "Something else" }, Actors.Operator("340000-RS")));
        Assert.Equal("AwaitingProvider", e.CurrentState);
    }

    [Fact]
    public async Task Only_the_provider_answers_and_only_the_requester_withdraws()
    {
        await Request("SR-who-1").Submit(Samples.Submission(), Actors.Operator("340000-RS"));

        await Assert.ThrowsAsync<NotEntitledException>(() => Request("SR-who-1").Approve(new ApproveShareRequest(), Actors.Operator("340000-RS")));
        await Assert.ThrowsAsync<NotEntitledException>(() => Request("SR-who-1").Approve(new ApproveShareRequest(), Actors.Operator("340000-ZR")));
        await Assert.ThrowsAsync<NotEntitledException>(() => Request("SR-who-1").Withdraw(null, Actors.Operator("340000-GA")));

        var withdrawn = await Request("SR-who-1").Withdraw("No longer needed", Actors.Head("340000-RS"));
        Assert.Equal(ShareRequestStatus.Withdrawn, withdrawn.Status);
        Assert.DoesNotContain((await platform.Grains.GetGrain<IShareRequestQueryGrain>(0).Inbox("340000-GA", PageRequest.First)).Items, r => r.Id == "SR-who-1");
    }

    [Fact]
    public async Task Art21_an_access_check_is_allowed_for_granted_items_denied_for_others_and_recorded()
    {
        await Request("SR-access-1").Submit(Samples.Submission(requester: "340000-ZR"), Actors.Operator("340000-ZR"));
        await Request("SR-access-1").Approve(new ApproveShareRequest(DataItems: ["idNumber"]), Actors.Operator("340000-GA"));
        var gate = platform.Grains.GetGrain<IAccessGateGrain>(0);
        var scenario = Samples.Submission().Scenario;

        var allowed = await gate.Check(new AccessCheckRequest("340000-ZR", "340000-GA-0001", ["idNumber"], scenario), Actors.Operator("340000-ZR"));
        var denied = await gate.Check(new AccessCheckRequest("340000-ZR", "340000-GA-0001", ["name"], scenario), Actors.Operator("340000-ZR"));

        Assert.True(allowed.Decision.Allowed);
        Assert.Equal("SR-access-1", allowed.Decision.ShareRequestId);
        Assert.False(denied.Decision.Allowed);
        Assert.Equal(["name"], denied.Decision.DeniedItems);

        var log = (await gate.List("340000-ZR", ShanghaiTime.DateOf(platform.Clock.GetUtcNow()), PageRequest.First)).Items;
        Assert.Contains(log, r => r.Id == allowed.Id);
        Assert.Contains(log, r => r.Id == denied.Id);
    }

    [Fact]
    public async Task Art38_every_transition_and_access_check_is_in_the_audit_log_with_who_and_before_and_after()
    {
        await Request("SR-audit-1").Submit(Samples.Submission(requester: "340000-SC"), Actors.Operator("340000-SC"));
        await Request("SR-audit-1").Approve(new ApproveShareRequest(DataItems: ["name"]), Actors.Head("340000-GA"));
        var check = await platform.Grains.GetGrain<IAccessGateGrain>(0).Check(
            new AccessCheckRequest("340000-SC", "340000-GA-0001", ["name"], Samples.Submission().Scenario), Actors.Operator("340000-SC"));

        var audit = platform.Grains.GetGrain<DataSharing.Audit.IAuditGrain>(0);
        var trail = await audit.Query(new DataSharing.Audit.AuditFilter(CaseId: "SR-audit-1"));
        Assert.Equal(["submit", "approve"], trail.Select(r => r.Entry.Action));
        Assert.Equal("head@340000-GA", trail[1].Entry.By.Subject);
        Assert.Equal("AwaitingProvider", trail[1].Entry.Before);
        Assert.StartsWith("Granted", trail[1].Entry.After);
        Assert.Contains("340000-SC", trail[0].Entry.Departments);

        var checkRecord = Assert.Single(await audit.Query(new DataSharing.Audit.AuditFilter(CaseId: check.Id)));
        Assert.StartsWith("allowed", checkRecord.Entry.After);
        Assert.True((await audit.Verify()).Intact);
    }
}
