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

namespace DataSharing.OpenData;

/// <summary>
/// An application of a member of the public for conditionally open data (Art 36), with the deadline machinery of a
/// share request: the provider's answer is due within the rulebook's working days, and a tick past the due instant
/// makes it overdue with an Art 43(7) violation of the provider.
/// </summary>
public sealed class OpenApplicationGrain : CaseGrain<OpenApplicationGrain.State>, IOpenApplicationGrain
{
    private const string CaseKind = CaseKinds.OpenDataApplication;

    private readonly Rulebook _rulebook;

    public OpenApplicationGrain(
        [PersistentState("openApplication", StorageNames.Platform)] IPersistentState<State> state,
        PlatformClock clock,
        IOptions<Rulebook> rulebook,
        IAuditLog audit,
        IGrainFactory grains,
        ILogger<OpenApplicationGrain> logger)
        : base(state, clock, audit, grains, logger)
    {
        _rulebook = rulebook.Value;
    }

    public async Task<OpenApplicationView> Apply(OpenApplication application, Actor applicant)
    {
        if (CaseState.State.Application is { } existing)
        {
            return Fingerprint.Of(existing.Application) == Fingerprint.Of(application) && existing.Applicant == applicant
                ? existing
                : throw new IllegalTransitionException(Id, existing.Status.ToString(), "apply", $"Application {Id} was already filed with other content.");
        }

        if (applicant.Role != Role.Public)
        {
            throw new NotEntitledException("Conditionally open data is applied for by members of the public (Art 36); departments share through share requests.");
        }

        OpenApplicationRules.Validate(application);
        var entry = await GrainFactory.GetGrain<ICatalogEntryGrain>(application.EntryCode).Get();
        OpenApplicationRules.Validate(application, entry);
        CatalogFederation.Owned(entry!, "entryCode", "Art 36");
        var now = Clock.Now;
        var status = OpenApplicationStatus.AwaitingProvider;
        return await Save(new OpenApplicationView
        {
            Id = Id,
            Status = status,
            Application = application,
            Applicant = applicant,
            ProviderDepartment = entry!.Content.ProviderDepartment,
            FiledAt = now,
            AnswerWorkingDays = _rulebook.OpenApplicationAnswerWorkingDays,
            Deadline = await this.Compute(now, _rulebook.OpenApplicationAnswerWorkingDays),
            History = [new CaseTransition(now, applicant, "apply", null, status.ToString(), application.Purpose)],
        });
    }

    public Task<OpenApplicationView> Approve(string conditions, IReadOnlyList<string>? dataItems, Actor by)
    {
        var current = Answerable(by);
        OpenApplicationRules.ValidateApproval(conditions, dataItems, current.Application);
        var items = dataItems ?? current.Application.DataItems;
        return Answer(current, new OpenApplicationAnswer(true, conditions, items, null, null, by, Clock.Now, Late(current)),
            OpenApplicationStatus.Approved, $"{string.Join(",", items)}; conditions: {conditions}");
    }

    public Task<OpenApplicationView> Refuse(string reason, string legalBasis, Actor by)
    {
        var current = Answerable(by);
        OpenApplicationRules.ValidateRefusal(reason, legalBasis);
        return Answer(current, new OpenApplicationAnswer(false, null, [], reason, legalBasis, by, Clock.Now, Late(current)),
            OpenApplicationStatus.Refused, $"{reason} ({legalBasis})");
    }

    public Task<OpenApplicationView?> Get() => Task.FromResult(CaseState.State.Application);

    public async Task<DeadlineMove?> RecomputeDeadline()
    {
        await this.ReadCalendarAfresh();
        if (CaseState.State.Application is not { Status: OpenApplicationStatus.AwaitingProvider, Deadline.Provisional: true } application)
        {
            return null;
        }

        var deadline = await this.Compute(application.FiledAt, application.AnswerWorkingDays);
        await Save(application with
        {
            Deadline = deadline,
            History = [.. application.History, CaseDeadlines.Recomputed(Clock.Now, application.Status.ToString(), application.Deadline, deadline)],
        });
        return CaseDeadlines.Moved(CaseKind, Id, application.Deadline, deadline);
    }

    public override async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var now = Clock.Now;
        var application = CaseState.State.Application;
        if (!await Cases.DeadlineHasCome(Due(application), now))
        {
            return;
        }

        var deadline = application!.Deadline!;
        CaseState.State.PendingViolations.Add(new ViolationRecord(
            $"{Id}:open-application-overdue", application.ProviderDepartment, "Art 43(7)", CaseKind, Id,
            $"Application {Id} for open data of {application.Application.EntryCode} was not answered by {deadline.DueDate:yyyy-MM-dd} "
            + $"(the platform's {application.AnswerWorkingDays} working days; Art 36 gives no period).", now));
        await Save(application with
        {
            Status = OpenApplicationStatus.Overdue,
            History = [.. application.History, new CaseTransition(now, Actor.System, "overdue", application.Status.ToString(),
                nameof(OpenApplicationStatus.Overdue), $"Not answered by {deadline.DueAt:O}.")],
        });
    }

    /// <summary>Only the provider's staff answer, once, while it awaits an answer (or, late, once overdue).</summary>
    private OpenApplicationView Answerable(Actor by)
    {
        var application = CaseState.State.Application ?? throw new NotFoundException("Open data application", Id);
        if (!by.ActsFor(application.ProviderDepartment))
        {
            throw new NotEntitledException($"Only {application.ProviderDepartment} answers application {Id}.");
        }

        return application.Status is OpenApplicationStatus.AwaitingProvider or OpenApplicationStatus.Overdue
            ? application
            : throw new IllegalTransitionException(Id, application.Status.ToString(), "answer");
    }

    private bool Late(OpenApplicationView application) => application.Deadline is { } deadline && Clock.Now >= deadline.DueAt;

    private Task<OpenApplicationView> Answer(OpenApplicationView application, OpenApplicationAnswer answer, OpenApplicationStatus next, string note) =>
        Save(application with
        {
            Status = next,
            Answer = answer,
            History = [.. application.History, new CaseTransition(answer.At, answer.By, answer.Approved ? "approve" : "refuse",
                application.Status.ToString(), next.ToString(), note)],
        });

    private static DateTimeOffset? Due(OpenApplicationView? application) =>
        application is { Status: OpenApplicationStatus.AwaitingProvider } ? application.Deadline?.DueAt : null;

    protected override CaseSummary? Summary => CaseState.State.Application is { } application
        ? new CaseSummary(Id, CaseKind, application.Status.ToString(), $"Open data application for {application.Application.EntryCode}",
            Departments(application), Due(application), application.FiledAt, application.History[^1].At, CaseState.State.Version,
            application.Status is OpenApplicationStatus.AwaitingProvider or OpenApplicationStatus.Overdue)
        : null;

    /// <summary>
    /// In the provider's Art 42 assessment like a share request: an application answered on time or late, or overdue
    /// (Art 36's applications get the platform's deadline, and the assessment weighs how a department keeps it).
    /// </summary>
    protected override AssessedCase? Assessment => CaseState.State.Application is { } application
        ? new AssessedCase(Id, CaseKind, application.ProviderDepartment, ShanghaiTime.DateOf(application.FiledAt),
            Assessments.Of(application.Answer?.At, application.Answer?.Late == true, application.Status == OpenApplicationStatus.Overdue),
            Assessments.DateOf(application.Answer?.At), CaseState.State.Version)
        : null;

    /// <summary>The provider's list, and the applicant's own (a member of the public has no department).</summary>
    private static IReadOnlyList<string> Departments(OpenApplicationView application) =>
        [application.ProviderDepartment, OpenApplicationRules.ApplicantList(application.Applicant.Subject)];

    private async Task<OpenApplicationView> Save(OpenApplicationView application)
    {
        CaseState.State.Application = application;
        var act = application.History[^1];
        // The audit entry concerns the provider only: the applicant's list key is not a department of the audit log.
        await Commit(Due(application), version => TransitionAudit.Of(CaseKind, Id, version, act, [application.ProviderDepartment]));
        return application;
    }

    [GenerateSerializer, Alias("OpenApplicationState")]
    public sealed class State : ICaseState
    {
        [Id(0)] public OpenApplicationView? Application { get; set; }
        [Id(1)] public int Version { get; set; }
        [Id(2)] public List<ViolationRecord> PendingViolations { get; set; } = [];
        [Id(3)] public List<AuditEntry> PendingAudit { get; set; } = [];
    }
}
