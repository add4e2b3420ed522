using DataSharing.Assessment;
using DataSharing.Audit;
using DataSharing.Calendar;
using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Departments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace DataSharing.Reviews;

public sealed class ReviewGrain : CaseGrain<ReviewGrain.State>, IReviewGrain
{
    private const string CaseKind = CaseKinds.Review;

    private readonly Rulebook _rulebook;

    public ReviewGrain(
        [PersistentState("review", StorageNames.Platform)] IPersistentState<State> state,
        PlatformClock clock,
        IOptions<Rulebook> rulebook,
        IAuditLog audit,
        IGrainFactory grains,
        ILogger<ReviewGrain> logger)
        : base(state, clock, audit, grains, logger)
    {
        _rulebook = rulebook.Value;
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
        var entry = await GrainFactory.GetGrain<ICatalogEntryGrain>(application.EntryCode).Get();
        if (entry is null || entry.Status != CatalogEntryStatus.Published)
        {
            throw new ValidationFailedException("entryCode", $"No published catalog entry has the code '{application.EntryCode}'.", "Art 26");
        }

        CatalogFederation.Owned(entry, "entryCode", "Art 26");
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
            FiledAt = now,
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
        var review = Existing();
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
        var review = Existing();
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
        if (CaseState.State.Review is not { Status: ReviewStatus.Verifying, Deadline.Provisional: true, ReceivedAt: { } received } review)
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
        var due = review is { Status: ReviewStatus.Verifying } ? review.Deadline?.DueAt : null;
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
        var review = Existing();
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
            review.Status == ReviewStatus.Verifying ? review.Deadline?.DueAt : null, review.FiledAt, review.History[^1].At,
            CaseState.State.Version, ReviewStateMachine.IsOpen(review.Status))
        : null;

    protected override AssessedCase? Assessment => CaseState.State.Review is { ReceivedAt: { } received } review
        ? new AssessedCase(Id, CaseKind, review.ProviderDepartment, ShanghaiTime.DateOf(received),
            Assessments.Of(review.Outcome?.AnsweredAt, review.Outcome?.Late == true, review.Status == ReviewStatus.Overdue),
            Assessments.DateOf(review.Outcome?.AnsweredAt), CaseState.State.Version)
        : null;

    /// <summary>The provider, and the applicant's department when a department filed it.</summary>
    private static IReadOnlyList<string> Departments(ReviewView review) =>
        review.Applicant.Department is { } applicant && Role.IsDepartmentRole(review.Applicant.Role)
            ? [review.ProviderDepartment, applicant]
            : [review.ProviderDepartment];

    private ReviewView Existing() => CaseState.State.Review ?? throw new NotFoundException("Review", Id);

    private async Task<ReviewView> Save(ReviewView review)
    {
        CaseState.State.Review = review;
        var act = review.History[^1];
        DateTimeOffset? due = review.Status == ReviewStatus.Verifying ? review.Deadline?.DueAt : null;
        await Commit(due, version => TransitionAudit.Of(CaseKind, Id, version, act, Departments(review)));
        await MarkEntry(review);
        return review;
    }

    /// <summary>While a review is open the entry stays served, marked as under review (Art 26).</summary>
    private Task MarkEntry(ReviewView review) =>
        GrainFactory.GetGrain<ICatalogEntryGrain>(review.Application.EntryCode).SetUnderReview(Id, ReviewStateMachine.IsOpen(review.Status));

    [GenerateSerializer, Alias("ReviewState")]
    public sealed class State : ICaseState
    {
        [Id(0)] public ReviewView? Review { get; set; }
        [Id(1)] public int Version { get; set; }
        [Id(2)] public List<ViolationRecord> PendingViolations { get; set; } = [];
        [Id(3)] public List<AuditEntry> PendingAudit { get; set; } = [];
    }
}
