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
using Orleans.Runtime;

namespace DataSharing.Reviews;

public sealed class ReviewGrain : CaseGrain<ReviewGrain.State>, IReviewGrain
{
    private const string CaseKind = CaseKinds.Review;

    private readonly Rulebook _rulebook;
    private readonly FederationRouting _routing;
    private readonly ILogger<ReviewGrain> _logger;

    public ReviewGrain(
        [PersistentState("review", StorageNames.Platform)] IPersistentState<State> state,
        PlatformClock clock,
        IOptions<Rulebook> rulebook,
        IAuditLog audit,
        IGrainFactory grains,
        FederationRouting routing,
        ILogger<ReviewGrain> logger)
        : base(state, clock, audit, grains, logger)
    {
        _rulebook = rulebook.Value;
        _routing = routing;
        _logger = logger;
    }

    public async Task<ReviewView> File(FileReview application, Actor applicant)
    {
        if (CaseState.State.Review is { } existing)
        {
            return Fingerprint.Of(existing.Application) == Fingerprint.Of(application) && existing.Applicant == applicant
                ? existing
                : throw new IllegalTransitionException(Id, existing.Status.ToString(), "file", $"Review {Id} was already filed with other content.");
        }

        ReviewRules.ValidateApplication(application);
        var entry = await Published(application);
        return entry.Origin is { } origin
            ? await Forward(application, applicant, entry, origin.Platform)
            : await FileHere(application, applicant, entry, Clock.Now, requesterPlatform: null);
    }

    public async Task FileFromPeer(ReviewFiled filed, string fromPlatform)
    {
        if (CaseState.State.Review is { } existing)
        {
            if (existing.RequesterPlatform != fromPlatform)
            {
                _logger.LogWarning("Platform {Peer} filed review {Id}, which is another case here; ignored.", fromPlatform, Id);
            }

            return;
        }

        // The peer's signature vouches for its own departments only (a person filing there has none).
        if (filed.Applicant.Department is { } department && FederationRouting.PlatformOf(department) != fromPlatform)
        {
            _logger.LogWarning("Platform {Peer} filed review {Id} for {Department}, not one of its departments; ignored.", fromPlatform, Id, department);
            return;
        }

        var by = FederationRouting.PersonOf(filed.Applicant.Subject, fromPlatform, filed.Applicant.Department);
        try
        {
            ReviewRules.ValidateApplication(filed.Application);
            await FileHere(filed.Application, by, await Published(filed.Application), filed.FiledAt, fromPlatform);
        }
        catch (ValidationFailedException invalid)
        {
            // What the applicant's platform could not check (the entry here, its items, its scope) is answered as a
            // refusal that travels back: thrown, it would hold up every later message on the link.
            var now = Clock.Now;
            var reason = $"{invalid.Field}: {invalid.Detail}{(invalid.Article is { } article ? $" ({article})" : "")}";
            await Save(new ReviewView
            {
                Id = Id,
                Status = ReviewStatus.Refused,
                Application = filed.Application,
                Applicant = by,
                ProviderDepartment = CatalogCodes.DepartmentOf(filed.Application.EntryCode),
                FiledAt = filed.FiledAt,
                RequesterPlatform = fromPlatform,
                Refusal = reason,
                History = [new CaseTransition(now, by, "file", null, nameof(ReviewStatus.Refused), $"400 {reason}")],
            });
        }
    }

    public async Task Mirror(ReviewView review, int version, string fromPlatform)
    {
        if (CaseState.State.Review is not { } copy || copy.ProviderPlatform != fromPlatform || review.Id != Id
            || version <= CaseState.State.MirroredVersion)
        {
            return;
        }

        CaseState.State.MirroredVersion = version;
        // The applicant as filed here (the owner knows it as a peer's actor), so the same people see it here.
        await Save(review with { Applicant = copy.Applicant, ProviderPlatform = fromPlatform, RequesterPlatform = null, ReportedAt = Clock.Now });
    }

    private async Task<CatalogEntryView> Published(FileReview application)
    {
        var entry = await GrainFactory.GetGrain<ICatalogEntryGrain>(application.EntryCode).Get();
        return entry is { Status: CatalogEntryStatus.Published }
            ? entry
            : throw new ValidationFailedException("entryCode", $"No published catalog entry has the code '{application.EntryCode}'.", "Art 26");
    }

    /// <summary>
    /// Art 23, 26: a review of a copy is sent to the entry's owner, where the data is served; that platform owns the
    /// case and its deadline, and this one keeps the applicant's copy. The message is written with the copy.
    /// </summary>
    private async Task<ReviewView> Forward(FileReview application, Actor applicant, CatalogEntryView entry, string owner)
    {
        if (_routing.NextHop(owner) is null)
        {
            throw new ValidationFailedException("entryCode", $"Entry {entry.Code} belongs to platform {owner}, which this platform has no link to.", "Art 23");
        }

        // The copy's items tell what can be doubted; the owner checks again against its entry and refuses what no longer fits.
        ReviewRules.ValidateApplication(application, entry.Content);
        var now = Clock.Now;
        CaseState.State.PendingFederation.Add(FederationEffects.ReviewFiled(_routing.LocalPlatform!, owner, Id, new ReviewFiled(application, applicant, now), now));
        return await Save(new ReviewView
        {
            Id = Id,
            Status = ReviewStatus.Forwarded,
            Application = application,
            Applicant = applicant,
            ProviderDepartment = entry.Content.ProviderDepartment,
            FiledAt = now,
            ProviderPlatform = owner,
            History = [new CaseTransition(now, applicant, "file", null, nameof(ReviewStatus.Forwarded), $"Sent to platform {owner}, which owns the entry and the case.")],
        });
    }

    /// <param name="requesterPlatform">The applicant's platform when it filed the review there (null: filed here).</param>
    private async Task<ReviewView> FileHere(FileReview application, Actor applicant, CatalogEntryView entry, DateTimeOffset filedAt, string? requesterPlatform)
    {
        CatalogFederation.Owned(entry, "entryCode", "Art 26");
        if (requesterPlatform is not null && entry.Content.ShareScope == ShareScope.Platform)
        {
            throw new ValidationFailedException("entryCode", $"Entry {entry.Code} is shared only within platform {_routing.LocalPlatform}.", "Art 23");
        }

        ReviewRules.ValidateApplication(application, entry.Content);
        var now = Clock.Now;
        var status = ReviewStateMachine.OnFile(application.Route);
        var review = new ReviewView
        {
            Id = Id,
            Status = status,
            Application = application,
            Applicant = applicant,
            ProviderDepartment = entry.Content.ProviderDepartment,
            FiledAt = filedAt,
            RequesterPlatform = requesterPlatform,
            History = [new CaseTransition(now, applicant, "file", null, status.ToString(), application.Description)],
        };

        if (status == ReviewStatus.Verifying)
        {
            review = await Received(review, now);
        }

        return await Save(review);
    }

    public async Task<ReviewView> Route(Actor by)
    {
        var review = Owned("route");
        if (by.Role != Role.PlatformAdmin)
        {
            throw new NotEntitledException("The platform management organization routes reviews filed through the platform (Art 26).");
        }

        var now = Clock.Now;
        var from = review.Status;
        var next = ReviewStateMachine.Apply(Id, from, ReviewAction.Route);
        var received = await Received(review with { Status = next }, now);
        return await Save(received with { History = [.. review.History, new CaseTransition(now, by, "route", from.ToString(), next.ToString(), $"to {review.ProviderDepartment}")] });
    }

    public async Task<ReviewView> Extend(int workingDays, string reason, Actor by)
    {
        var review = Owned("extend");
        ReviewRules.ValidateExtension(review, workingDays, reason, by, _rulebook.ReviewExtensionMaxWorkingDays);
        var next = ReviewStateMachine.Apply(Id, review.Status, ReviewAction.Extend);
        var now = Clock.Now;
        var old = review.Deadline!;

        var extended = await ExtendFrom(old, workingDays);
        return await Save(review with
        {
            Status = next,
            Deadline = extended,
            Extension = new ReviewExtension(workingDays, reason, by, now, old.DueDate),
            History = [.. review.History, new CaseTransition(now, by, "extend", review.Status.ToString(), next.ToString(),
                $"+{workingDays} working days: due {extended.DueDate:yyyy-MM-dd}, was {old.DueDate:yyyy-MM-dd}. {reason}")],
        });
    }

    public Task<ReviewView> Confirm(string explanation, Actor by) => Answer(ReviewAction.Confirm, explanation, null, by);

    public Task<ReviewView> Correct(string explanation, int? correctedEntryVersion, Actor by) =>
        Answer(ReviewAction.Correct, explanation, correctedEntryVersion, by);

    public Task<ReviewView?> Get() => Task.FromResult(CaseState.State.Review);

    public async Task<DeadlineMove?> RecomputeDeadline()
    {
        await this.ReadCalendarAfresh();
        if (CaseState.State.Review is not { Status: ReviewStatus.Verifying, Deadline.Provisional: true, ReceivedAt: { } received, ProviderPlatform: null } review)
        {
            return null;
        }

        // After an extension the stored deadline counts the extension's days, so the base comes from the case.
        var deadline = await this.Compute(received, review.AnswerWorkingDays);
        if (review.Extension is { } extension)
        {
            deadline = await ExtendFrom(deadline, extension.WorkingDays);
        }

        await Save(review with
        {
            Deadline = deadline,
            History = [.. review.History, CaseDeadlines.Recomputed(Clock.Now, review.Status.ToString(), review.Deadline, deadline)],
        });
        return CaseDeadlines.Moved(CaseKind, Id, review.Deadline, deadline);
    }

    public override async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var now = Clock.Now;
        var review = CaseState.State.Review;
        var due = review is null ? null : DueOf(review);
        if (!await Cases.DeadlineHasCome(due, now))
        {
            return;
        }

        var deadline = review!.Deadline!;
        var next = ReviewStateMachine.Apply(Id, review.Status, ReviewAction.MarkOverdue);
        CaseState.State.PendingViolations.Add(new ViolationRecord(
            $"{Id}:review-overdue", review.ProviderDepartment, "Art 43(5)", CaseKind, Id,
            $"Review {Id} of {review.Application.EntryCode} was not answered by {deadline.DueDate:yyyy-MM-dd} (Art 26).", now));
        await Save(review with
        {
            Status = next,
            History = [.. review.History, new CaseTransition(now, Actor.System, "overdue", review.Status.ToString(), next.ToString(), $"Not answered by {deadline.DueAt:O}.")],
        });
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (CaseState.State.Review is { } review)
        {
            await MarkEntry(review);
        }
    }

    private async Task<ReviewView> Answer(ReviewAction action, string explanation, int? correctedVersion, Actor by)
    {
        var review = Owned(action.ToString().ToLowerInvariant());
        if (!by.ActsFor(review.ProviderDepartment))
        {
            throw new NotEntitledException($"Only {review.ProviderDepartment} verifies and answers review {Id} (Art 26).");
        }

        var next = ReviewStateMachine.Apply(Id, review.Status, action);
        ReviewRules.ValidateAnswer(explanation, correctedVersion);
        var now = Clock.Now;
        var late = review.Deadline is { } deadline && now >= deadline.DueAt;
        return await Save(review with
        {
            Status = next,
            Outcome = new ReviewOutcome(action == ReviewAction.Correct, explanation, correctedVersion, by, now, late),
            History = [.. review.History, new CaseTransition(now, by, action.ToString().ToLowerInvariant(), review.Status.ToString(), next.ToString(), explanation)],
        });
    }

    /// <summary>The provider received it: its verification deadline starts (Art 26).</summary>
    private async Task<ReviewView> Received(ReviewView review, DateTimeOffset now) => review with
    {
        ReceivedAt = now,
        AnswerWorkingDays = _rulebook.ReviewAnswerWorkingDays,
        Deadline = await this.Compute(now, _rulebook.ReviewAnswerWorkingDays),
    };

    /// <summary>Art 26: an extension counts from the old due date; it stays provisional if either part is.</summary>
    private async Task<Deadline> ExtendFrom(Deadline old, int workingDays)
    {
        var extended = await this.ComputeFrom(old.DueDate, workingDays);
        return extended with { Provisional = old.Provisional || extended.Provisional };
    }

    protected override CaseSummary? Summary => CaseState.State.Review is { } review
        ? new CaseSummary(Id, CaseKind, review.Status.ToString(), $"Review of {review.Application.EntryCode}", Departments(review),
            DueOf(review), review.FiledAt, review.History[^1].At,
            CaseState.State.Version, ReviewStateMachine.IsOpen(review.Status))
        : null;

    // A copy counts on the owner's platform, whose department answers it.
    protected override AssessedCase? Assessment => CaseState.State.Review is { ReceivedAt: { } received, ProviderPlatform: null } review
        ? new AssessedCase(Id, CaseKind, review.ProviderDepartment, ShanghaiTime.DateOf(received),
            Assessments.Of(review.Outcome?.AnsweredAt, review.Outcome?.Late == true, review.Status == ReviewStatus.Overdue),
            Assessments.DateOf(review.Outcome?.AnsweredAt), CaseState.State.Version)
        : null;

    /// <summary>
    /// The provider, and the applicant's department when a department filed it. A copy is listed for its applicant
    /// only: the provider is a department of the owner's platform, which lists it there.
    /// </summary>
    private static IReadOnlyList<string> Departments(ReviewView review)
    {
        var applicant = review.Applicant.Department is { } department && Role.IsDepartmentRole(review.Applicant.Role) ? department : null;
        return (review.ProviderPlatform, applicant) switch
        {
            (not null, null) => [],
            (not null, _) => [applicant],
            (null, null) => [review.ProviderDepartment],
            _ => [review.ProviderDepartment, applicant],
        };
    }

    /// <summary>When the deadline runs out: while the provider verifies, on the platform that owns the case (never on a copy).</summary>
    private static DateTimeOffset? DueOf(ReviewView review) =>
        review is { Status: ReviewStatus.Verifying, ProviderPlatform: null } ? review.Deadline?.DueAt : null;

    private ReviewView Existing() => CaseState.State.Review ?? throw new NotFoundException("Review", Id);

    /// <summary>The review, if this platform owns it: a copy of another platform's case is acted on there (409 naming it).</summary>
    private ReviewView Owned(string verb)
    {
        var review = Existing();
        return review.ProviderPlatform is { } owner
            ? throw new IllegalTransitionException(Id, review.Status.ToString(), verb, $"Review {Id} is owned by platform {owner}, which serves the entry; this is its copy, which cannot {verb} it.")
            : review;
    }

    private async Task<ReviewView> Save(ReviewView review)
    {
        if (review.RequesterPlatform is { } requester)
        {
            // The applicant's platform shows the case as it is here: every version goes there, in order, written with it.
            CaseState.State.PendingFederation.Add(FederationEffects.ReviewChanged(_routing.LocalPlatform!, requester, review, CaseState.State.Version + 1, Clock.Now));
        }

        CaseState.State.Review = review;
        var act = review.History[^1];
        await Commit(DueOf(review), version => TransitionAudit.Of(CaseKind, Id, version, act, Departments(review)));
        await MarkEntry(review);
        return review;
    }

    /// <summary>
    /// Hands the messages written with the case to the link (see <see cref="FederationOutbox"/>), then stores the
    /// case without them at once: an activation reading the old state would hand them over again after their delivery
    /// (harmless to the peer, which applies a message once, but a message sent twice).
    /// </summary>
    protected override Task Send() => FederationOutbox.Send(CaseState.State.PendingFederation, CaseState, GrainFactory, _routing);

    /// <summary>
    /// While a review is open the entry stays served, marked as under review (Art 26): on the platform that serves it,
    /// so not for a copy, nor for a review its owner refused (it never opened).
    /// </summary>
    private Task MarkEntry(ReviewView review) => review.ProviderPlatform is not null || review.Status == ReviewStatus.Refused
        ? Task.CompletedTask
        : GrainFactory.GetGrain<ICatalogEntryGrain>(review.Application.EntryCode).SetUnderReview(Id, ReviewStateMachine.IsOpen(review.Status));

    [GenerateSerializer, Alias("ReviewState")]
    public sealed class State : ICaseState
    {
        [Id(0)] public ReviewView? Review { get; set; }
        [Id(1)] public int Version { get; set; }
        [Id(2)] public List<ViolationRecord> PendingViolations { get; set; } = [];
        [Id(3)] public List<AuditEntry> PendingAudit { get; set; } = [];

        /// <summary>Messages to other platforms written with the act that caused them, until their link has taken them (see <see cref="FederationOutbox"/>).</summary>
        [Id(4)] public List<FederationMessage> PendingFederation { get; set; } = [];

        /// <summary>On a copy of another platform's case: the last version of it applied (older or repeated versions are ignored).</summary>
        [Id(5)] public int MirroredVersion { get; set; }
    }
}
