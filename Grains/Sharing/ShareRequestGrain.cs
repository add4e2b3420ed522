using DataSharing.Assessment;
using DataSharing.Audit;
using DataSharing.Calendar;
using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Federation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime;

namespace DataSharing.Sharing;

// Placed on the silo that receives its first call (the API's gateway for a new request): no hop to another silo. A
// request is busy around its submission and answer, then idle for days: two idle minutes release its memory, so a
// sustained stream of requests keeps a bounded number in memory (it reads its state again when next called).
[PreferLocalPlacement]
[CollectionAgeLimit(Minutes = 2)]
public sealed class ShareRequestGrain(
    [PersistentState("shareRequest", StorageNames.Platform)] IPersistentState<ShareRequestGrain.State> state,
    PlatformClock clock,
    IOptions<Rulebook> rulebook,
    IShareRequestReadModel readModel,
    GrantCache grants,
    CatalogEntryCache catalog,
    IAuditLog audit,
    PlatformMetrics metrics,
    FederationRouting routing,
    ILogger<ShareRequestGrain> logger)
    : Grain, IShareRequestGrain, IRemindable
{
    private const string CaseKind = CaseKinds.ShareRequest;

    /// <summary>History actions of a withdrawal across platforms: asked on the requester's copy, refused by the owner.</summary>
    private const string WithdrawalAskedAction = "withdrawal-asked";
    private const string WithdrawalRefusedAction = "withdraw-refused";

    private CaseCommit<State>? _cases;

    private string Id => this.GetPrimaryKeyString();

    private CaseCommit<State> Cases => _cases ??= new CaseCommit<State>(this, state, GrainFactory, audit, logger, Publish);

    public async Task<ShareRequestView> Submit(ShareRequestSubmission submission, Actor by)
    {
        var hash = Fingerprint.Of(submission);
        if (state.State.Request is { } existing)
        {
            return state.State.SubmissionHash == hash
                ? existing
                : throw new IllegalTransitionException(Id, existing.Status.ToString(), "submit", $"Share request {Id} was already submitted with other content.");
        }

        if (!by.ActsFor(submission.RequesterDepartment))
        {
            throw new NotEntitledException($"{by.Subject} does not act for {submission.RequesterDepartment}.");
        }

        if (routing.RemotePlatformOfEntry(submission.EntryCode) is { } provider)
        {
            return await Forward(submission, by, provider, hash);
        }

        return await SubmitHere(submission, by, hash, requesterPlatform: null);
    }

    public async Task SubmitFromPeer(ShareRequestSubmission submission, string fromPlatform)
    {
        if (state.State.Request is not null)
        {
            return;
        }

        // The peer's signature vouches for its own departments only.
        if (FederationRouting.PlatformOf(submission.RequesterDepartment) != fromPlatform)
        {
            logger.LogWarning("Platform {Peer} submitted share request {Id} for {Department}, not one of its departments; ignored.", fromPlatform, Id, submission.RequesterDepartment);
            return;
        }

        var by = new Actor($"platform:{fromPlatform}", Role.FederationPeer, submission.RequesterDepartment);
        var hash = Fingerprint.Of(submission);
        try
        {
            await SubmitHere(submission, by, hash, fromPlatform);
        }
        catch (ValidationFailedException invalid)
        {
            // The requester's platform checked what it could; what only the entry tells (items, materials) is
            // answered as a refusal that travels back, never left unanswered.
            var now = clock.Now;
            state.State.SubmissionHash = hash;
            await Commit(Unlisted(submission, ShareRequestStatus.Refused, now, by, invalid.Detail) with
            {
                RequesterPlatform = fromPlatform,
                Answer = new ShareAnswer(false, $"{invalid.Field}: {invalid.Detail}", invalid.Article, now, Actor.System, Late: false),
            });
        }
    }

    public async Task Mirror(ShareRequestView request, int version, string fromPlatform)
    {
        if (state.State.Request is not { } copy || copy.ProviderPlatform != fromPlatform || version <= state.State.MirroredVersion)
        {
            return;
        }

        state.State.MirroredVersion = version;
        await Commit(request with { ProviderPlatform = fromPlatform, RequesterPlatform = null, ReportedAt = clock.Now });
    }

    /// <summary>Art 23: a request for another platform's entry is sent there; that platform owns the case and answers it.</summary>
    private async Task<ShareRequestView> Forward(ShareRequestSubmission submission, Actor by, string provider, string hash)
    {
        if (routing.NextHop(provider) is null)
        {
            throw new ValidationFailedException("entryCode", $"Entry {submission.EntryCode} belongs to platform {provider}, which this platform has no link to.", "Art 23");
        }

        var now = clock.Now;
        ShareRequestRules.ValidateSubmission(submission, ShanghaiTime.DateOf(now));
        state.State.SubmissionHash = hash;
        state.State.PendingFederation.Add(FederationEffects.ShareRequestSubmitted(routing.LocalPlatform!, provider, Id, submission, now));
        var forwarded = await Commit(Unlisted(submission, ShareRequestStatus.Forwarded, now, by, $"Sent to platform {provider}.") with { ProviderPlatform = provider });
        metrics.Submitted(CaseKind, nameof(ShareRequestStatus.Forwarded));
        return forwarded;
    }

    /// <summary>A request as submitted, without its entry at hand: the copy of a forwarded request, or the refusal of an invalid one.</summary>
    private ShareRequestView Unlisted(ShareRequestSubmission submission, ShareRequestStatus status, DateTimeOffset now, Actor by, string? note) => new()
    {
        Id = Id,
        Status = status,
        Submission = submission,
        ProviderDepartment = CatalogCodes.DepartmentOf(submission.EntryCode),
        ReceivedAt = now,
        History = [new CaseTransition(now, by, "submit", null, status.ToString(), note)],
    };

    private async Task<ShareRequestView> SubmitHere(ShareRequestSubmission submission, Actor by, string hash, string? requesterPlatform)
    {
        var now = clock.Now;
        ShareRequestRules.ValidateSubmission(submission, ShanghaiTime.DateOf(now));
        if (await catalog.Published(submission.EntryCode) is not { } entry)
        {
            throw new ValidationFailedException("entryCode", $"No published catalog entry has the code '{submission.EntryCode}'.", "Art 24");
        }

        ShareRequestRules.ValidateAgainstEntry(submission, entry.Content);
        if (requesterPlatform is not null && entry.Content.ShareScope == ShareScope.Platform)
        {
            // Refused by the owner, and the refusal travels back (SubmitFromPeer).
            throw new ValidationFailedException("entryCode", $"Entry {entry.Code} is shared only within platform {routing.LocalPlatform}.", "Art 23");
        }

        var status = ShareRequestStateMachine.OnSubmit(entry.Content.ShareType);
        var request = new ShareRequestView
        {
            Id = Id,
            Status = status,
            Submission = submission,
            ProviderDepartment = entry.Content.ProviderDepartment,
            EntryName = entry.Content.Name,
            EntryVersion = entry.Version,
            ShareType = entry.Content.ShareType,
            ReceivedAt = now,
            RequesterPlatform = requesterPlatform,
            History = [new CaseTransition(now, by, "submit", null, status.ToString(), null)],
        };

        request = status switch
        {
            // Art 25: unconditional data is obtained directly through the platform.
            ShareRequestStatus.Granted => request with
            {
                Answer = new ShareAnswer(true, "Unconditional data is obtained directly (Art 25).", null, now, Actor.System, Late: false),
                Grant = new ShareGrant(submission.DataItems, submission.Scenario, submission.PeriodFrom, submission.PeriodTo, now),
            },
            // Art 25: the provider answers within the rulebook's working days of receipt.
            ShareRequestStatus.AwaitingProvider => request with
            {
                AnswerDeadline = await this.Compute(now, rulebook.Value.ConditionalAnswerWorkingDays),
            },
            // Art 22, 25: data not shared is refused with the reason and basis the entry gives.
            _ => request with
            {
                Answer = new ShareAnswer(false, entry.Content.ShareReason, entry.Content.LegalBasis, now, Actor.System, Late: false),
            },
        };

        state.State.SubmissionHash = hash;
        var submitted = await Commit(request);
        metrics.Submitted(CaseKind, status.ToString());
        return submitted;
    }

    public async Task<ShareRequestView> Approve(ApproveShareRequest approval, Actor by)
    {
        var request = Owned("approve");
        EnsureProvider(request, by);
        var next = ShareRequestStateMachine.Apply(Id, request.Status, ShareRequestAction.Approve);
        var now = clock.Now;
        var grant = ShareRequestRules.GrantFor(request.Submission, approval, now);
        var late = IsLate(request, now);
        var approved = await Commit(request with
        {
            Status = next,
            Grant = grant,
            Answer = new ShareAnswer(true, approval.Note, null, now, by, late),
            History = [.. request.History, new CaseTransition(now, by, "approve", request.Status.ToString(), next.ToString(), approval.Note)],
        });
        metrics.Answered(CaseKind, "approved", late);
        return approved;
    }

    public async Task<ShareRequestView> Refuse(RefuseShareRequest refusal, Actor by)
    {
        var request = Owned("refuse");
        EnsureProvider(request, by);
        var next = ShareRequestStateMachine.Apply(Id, request.Status, ShareRequestAction.Refuse);
        ShareRequestRules.ValidateRefusal(refusal);
        var now = clock.Now;
        var late = IsLate(request, now);
        var refused = await Commit(request with
        {
            Status = next,
            Answer = new ShareAnswer(false, refusal.Reason, refusal.LegalBasis, now, by, late),
            History = [.. request.History, new CaseTransition(now, by, "refuse", request.Status.ToString(), next.ToString(), refusal.Reason)],
        });
        metrics.Answered(CaseKind, "refused", late);
        return refused;
    }

    public async Task<ShareRequestView> Withdraw(string? reason, Actor by)
    {
        var request = Existing();
        if (!by.ActsFor(request.Submission.RequesterDepartment))
        {
            throw new NotEntitledException($"Only {request.Submission.RequesterDepartment} can withdraw its request.");
        }

        Require.OptionalText(reason, "reason");
        return request.ProviderPlatform is { } owner
            ? await AskOwnerToWithdraw(request, owner, reason, by)
            : await Move(request, ShareRequestAction.Withdraw, "withdraw", reason, by);
    }

    /// <summary>
    /// Art 23, 25: the requester withdraws on its own platform; the owner applies it. Refused here at once (409 with
    /// the state) when the copy already shows an answer or the withdrawal; asked once, so a repeated call while it
    /// travels returns the copy unchanged.
    /// </summary>
    private async Task<ShareRequestView> AskOwnerToWithdraw(ShareRequestView request, string owner, string? reason, Actor by)
    {
        ShareRequestStateMachine.Apply(Id, request.Status, ShareRequestAction.Withdraw);
        if (state.State.WithdrawalAsked)
        {
            return request;
        }

        var now = clock.Now;
        state.State.WithdrawalAsked = true;
        state.State.PendingFederation.Add(FederationEffects.ShareRequestWithdrawalAsked(routing.LocalPlatform!, owner, Id, new WithdrawalAsked(reason, by, now), now));
        return await Commit(request with
        {
            History = [.. request.History, new CaseTransition(now, by, WithdrawalAskedAction, request.Status.ToString(), request.Status.ToString(),
                $"Sent to platform {owner}, which owns the case.{(reason is null ? "" : " " + reason)}")],
        });
    }

    public async Task WithdrawForPeer(WithdrawalAsked asked, string fromPlatform)
    {
        if (state.State.Request is not { } request || request.RequesterPlatform != fromPlatform)
        {
            logger.LogWarning("Platform {Peer} withdrew share request {Id}, which it did not submit here; ignored.", fromPlatform, Id);
            return;
        }

        if (request.History.Any(t => t.Action is "withdraw" or WithdrawalRefusedAction))
        {
            return;
        }

        var by = FederationRouting.PersonOf(asked.By.Subject, fromPlatform, request.Submission.RequesterDepartment);
        if (ShareRequestStateMachine.Next(request.Status, ShareRequestAction.Withdraw) is null)
        {
            // Answered before the withdrawal arrived: what the requester's own platform would have answered with 409 and
            // the state is recorded as a version of the case, which travels back like every other.
            var refusal = new IllegalTransitionException(Id, request.Status.ToString(), "withdraw");
            await Commit(request with
            {
                History = [.. request.History, new CaseTransition(clock.Now, by, WithdrawalRefusedAction, request.Status.ToString(), request.Status.ToString(),
                    $"409: {refusal.Message}")],
            });
            return;
        }

        await Move(request, ShareRequestAction.Withdraw, "withdraw", asked.Reason, by);
    }

    public async Task<ShareRequestView> Revoke(string reason, Actor by)
    {
        var request = Owned("revoke");
        EnsureProvider(request, by);
        ShareRequestStateMachine.Apply(Id, request.Status, ShareRequestAction.Revoke);
        Require.Text(reason, "reason");
        return await Move(request, ShareRequestAction.Revoke, "revoke", reason, by);
    }

    public Task<ShareRequestView?> Get() => Task.FromResult(state.State.Request);

    public async Task<DeadlineMove?> RecomputeDeadline()
    {
        await this.ReadCalendarAfresh();
        if (state.State.Request is not { Status: ShareRequestStatus.AwaitingProvider, AnswerDeadline.Provisional: true } request)
        {
            return null;
        }

        var deadline = await this.Compute(request.ReceivedAt, request.AnswerDeadline.WorkingDays);
        await Commit(request with
        {
            AnswerDeadline = deadline,
            History = [.. request.History, CaseDeadlines.Recomputed(clock.Now, request.Status.ToString(), request.AnswerDeadline, deadline)],
        });
        return CaseDeadlines.Moved(CaseKind, Id, request.AnswerDeadline, deadline);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var now = clock.Now;
        var request = state.State.Request;
        var dueAt = request is null ? null : DueOf(request);
        // A deadline only comes for a request that has one; the null tests are for the compiler's flow analysis.
        if (!await Cases.DeadlineHasCome(dueAt, now) || request is null || dueAt is not { } due)
        {
            return;
        }

        metrics.ReminderLateness(CaseKind, now - due);
        if (request.Status == ShareRequestStatus.AwaitingProvider)
        {
            var deadline = request.AnswerDeadline!;
            state.State.PendingViolations.Add(new ViolationRecord(
                $"{Id}:answer-overdue", request.ProviderDepartment, ViolationRecord.NotInTime, CaseKind, Id,
                $"Share request {Id} from {request.Submission.RequesterDepartment} was not answered within {deadline.WorkingDays} working days (due {deadline.DueDate:yyyy-MM-dd}, Art 25).",
                now));
            await Move(request, ShareRequestAction.MarkOverdue, "overdue", $"Not answered by {deadline.DueAt:O}.", Actor.System);
            metrics.Overdue(CaseKind);
        }
        else if (request.Status == ShareRequestStatus.Granted)
        {
            await Move(request, ShareRequestAction.Expire, "expire", $"The grant ended on {request.Grant!.ValidTo:yyyy-MM-dd}.", Actor.System);
        }
    }

    // Re-publishing on activation heals a read-model row lost to a crash between the state write and the upsert,
    // and audit entries the log may not have taken are appended again.
    public override Task OnActivateAsync(CancellationToken cancellationToken) => Cases.OnActivate(clock.Now);

    /// <summary>When this request next has to be looked at: its answer deadline, or the end of its grant.</summary>
    private static DateTimeOffset? DueOf(ShareRequestView request) => request.ProviderPlatform is not null ? null : request.Status switch
    {
        ShareRequestStatus.AwaitingProvider => request.AnswerDeadline!.DueAt,
        ShareRequestStatus.Granted => ShanghaiTime.EndOf(request.Grant!.ValidTo),
        _ => null,
    };

    private static bool IsLate(ShareRequestView request, DateTimeOffset now) =>
        request.AnswerDeadline is { } deadline && now >= deadline.DueAt;

    private ShareRequestView Existing() => state.State.Request ?? throw new NotFoundException("Share request", Id);

    /// <summary>The request, if this platform owns it: a copy of another platform's case is acted on there.</summary>
    private ShareRequestView Owned(string verb)
    {
        var request = Existing();
        return request.ProviderPlatform is { } owner
            ? throw new IllegalTransitionException(Id, request.Status.ToString(), verb, $"Share request {Id} is owned by platform {owner}; this is its copy, which cannot {verb} it.")
            : request;
    }

    private void EnsureProvider(ShareRequestView request, Actor by)
    {
        if (!by.ActsFor(request.ProviderDepartment))
        {
            throw new NotEntitledException($"Only the providing department {request.ProviderDepartment} can answer share request {Id}.");
        }
    }

    private Task<ShareRequestView> Move(ShareRequestView request, ShareRequestAction action, string verb, string? note, Actor by)
    {
        var next = ShareRequestStateMachine.Apply(Id, request.Status, action);
        return Commit(request with
        {
            Status = next,
            History = [.. request.History, new CaseTransition(clock.Now, by, verb, request.Status.ToString(), next.ToString(), note)],
        });
    }

    /// <summary>Stores a new version of the request, then its read-model row (see <see cref="CaseCommit{TState}"/>).</summary>
    private async Task<ShareRequestView> Commit(ShareRequestView request)
    {
        // Everything that can fail on the new version is computed before the state holds it: a failure then leaves
        // the request as it was, never answered as failed while the grain already shows the act.
        var due = DueOf(request);
        if (request.RequesterPlatform is { } requester)
        {
            // The requester's platform shows the case as it is here: every version goes there, in order.
            state.State.PendingFederation.Add(FederationEffects.ShareRequestChanged(routing.LocalPlatform!, requester, request, state.State.Version + 1, clock.Now));
        }

        state.State.Request = request;
        var act = request.History[^1];
        await Cases.Commit(due, clock.Now, version =>
            TransitionAudit.Of(CaseKind, Id, version, act, [request.Submission.RequesterDepartment, request.ProviderDepartment]));
        return request;
    }

    /// <summary>
    /// The request's row in the read model and its assessment. If this fails the request is stored all the same: the
    /// row is published again by the retry tick or the next activation, and in cluster mode the reconciler rebuilds it
    /// from the stored state within seconds.
    /// </summary>
    private async Task Publish()
    {
        if (state.State.Request is not { } request)
        {
            return;
        }

        await FederationOutbox.Send(state.State.PendingFederation, state, GrainFactory, routing);

        await readModel.Upsert(ShareRequestSummaries.Of(request, state.State.Version));
        if (request.Grant is { } grant)
        {
            // After the row: this silo stops honouring a revoked or expired grant at once (a read in between would cache
            // the old row), the others within CacheOptions.GrantMaxAge.
            grants.Invalidate(request.Submission.RequesterDepartment, request.Submission.EntryCode, grant.Scenario);
        }

        // Last: on a city platform the fact also goes to the link to the province, which may refuse it for a while
        // (a full outbox); the grant above is not held up by that.
        await Assessments.Report(GrainFactory, Assessed(request));
    }

    /// <summary>
    /// Art 42 counts the provider's answers to conditional requests, the ones with a deadline; a request withdrawn
    /// before an answer does not count.
    /// </summary>
    private AssessedCase? Assessed(ShareRequestView request) => request.AnswerDeadline is null || request.ProviderPlatform is not null
        ? null
        : new AssessedCase(Id, CaseKind, request.ProviderDepartment, ShanghaiTime.DateOf(request.ReceivedAt),
            request is { Status: ShareRequestStatus.Withdrawn, Answer: null }
                ? Timeliness.Excluded
                : Assessments.Of(request.Answer?.AnsweredAt, request.Answer?.Late == true, request.Status == ShareRequestStatus.Overdue),
            Assessments.DateOf(request.Answer?.AnsweredAt), state.State.Version);

    [GenerateSerializer, Alias("ShareRequestState")]
    public sealed class State : ICaseState
    {
        [Id(0)] public ShareRequestView? Request { get; set; }
        [Id(1)] public string? SubmissionHash { get; set; }
        [Id(2)] public int Version { get; set; }

        /// <summary>Violations decided but not yet recorded on the department (kept until they are).</summary>
        [Id(3)] public List<ViolationRecord> PendingViolations { get; set; } = [];

        /// <summary>Audit entries written with the state and not yet known to be in the log (see <see cref="AuditOutbox"/>).</summary>
        [Id(4)] public List<AuditEntry> PendingAudit { get; set; } = [];

        /// <summary>Messages to other platforms written with the act that caused them, until their link has taken them (see <see cref="FederationOutbox"/>).</summary>
        [Id(5)] public List<FederationMessage> PendingFederation { get; set; } = [];

        /// <summary>On a copy of another platform's case: the last version of it applied (older or repeated versions are ignored).</summary>
        [Id(6)] public int MirroredVersion { get; set; }

        /// <summary>On a copy: its requester withdrew it here and the withdrawal was sent to the owner (once).</summary>
        [Id(7)] public bool WithdrawalAsked { get; set; }
    }
}
