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

namespace DataSharing.CatalogChanges;

public sealed class CatalogChangeGrain : CaseGrain<CatalogChangeGrain.State>, ICatalogChangeGrain
{
    private const string CaseKind = CaseKinds.CatalogChange;

    private readonly Rulebook _rulebook;

    public CatalogChangeGrain(
        [PersistentState("catalogChange", StorageNames.Platform)] IPersistentState<State> state,
        PlatformClock clock,
        IOptions<Rulebook> rulebook,
        IAuditLog audit,
        IGrainFactory grains,
        ILogger<CatalogChangeGrain> logger)
        : base(state, clock, audit, grains, logger)
    {
        _rulebook = rulebook.Value;
    }

    public async Task<CatalogChangeView> Declare(DeclareCatalogChange declaration, Actor by)
    {
        if (CaseState.State.Change is { } existing)
        {
            return Fingerprint.Of(existing.Declaration) == Fingerprint.Of(declaration)
                ? existing
                : throw new IllegalTransitionException(Id, existing.Status.ToString(), "declare", $"Catalog change {Id} was already declared with other content.");
        }

        if (!by.ActsFor(declaration.Department))
        {
            throw new NotEntitledException($"{by.Subject} does not act for {declaration.Department}.");
        }

        var now = Clock.Now;
        await Validate(declaration, ShanghaiTime.DateOf(now));

        // Art 15: the 10 working days run from the date of the change, not from its declaration.
        var deadline = await this.ComputeFrom(declaration.ChangedOn, _rulebook.CatalogUpdateWorkingDays);
        return await Save(new CatalogChangeView
        {
            Id = Id,
            Status = CatalogChangeStatus.AwaitingUpdate,
            Declaration = declaration,
            DeclaredAt = now,
            UpdateDeadline = deadline,
            History = [new CaseTransition(now, by, "declare", null, nameof(CatalogChangeStatus.AwaitingUpdate), declaration.Basis)],
        });
    }

    public async Task<CatalogChangeView> RecordUpdate(string? note, Actor by)
    {
        var change = Existing(by);
        var next = CatalogChangeStateMachine.Apply(Id, change.Status, CatalogChangeAction.RecordUpdate);
        Require.OptionalText(note, "note");
        var now = Clock.Now;
        var report = await this.Compute(now, _rulebook.CatalogReportWorkingDays);
        return await Save(change with
        {
            Status = next,
            UpdatedAt = now,
            UpdateLate = now >= change.UpdateDeadline.DueAt,
            ReportDeadline = report,
            History = [.. change.History, new CaseTransition(now, by, "update", change.Status.ToString(), next.ToString(), note)],
        });
    }

    public async Task<CatalogChangeView> Report(string report, Actor by)
    {
        var change = Existing(by);
        var next = CatalogChangeStateMachine.Apply(Id, change.Status, CatalogChangeAction.Report);
        Require.Text(report, "report", "Art 15");
        var now = Clock.Now;
        return await Save(change with
        {
            Status = next,
            ReportedAt = now,
            Report = report,
            ReportLate = now >= change.ReportDeadline!.DueAt,
            History = [.. change.History, new CaseTransition(now, by, "report", change.Status.ToString(), next.ToString(), null)],
        });
    }

    public Task<CatalogChangeView?> Get() => Task.FromResult(CaseState.State.Change);

    public async Task<DeadlineMove?> RecomputeDeadline()
    {
        await this.ReadCalendarAfresh();
        if (CaseState.State.Change is not { } change || CatalogChangeStateMachine.Running(change) is not { Provisional: true } running)
        {
            return null;
        }

        var recomputed = await this.ComputeFrom(running.StartDate, running.WorkingDays);
        change = change.Status == CatalogChangeStatus.AwaitingUpdate ? change with { UpdateDeadline = recomputed } : change with { ReportDeadline = recomputed };
        await Save(change with
        {
            History = [.. change.History, CaseDeadlines.Recomputed(Clock.Now, change.Status.ToString(), running, recomputed)],
        });
        return CaseDeadlines.Moved(CaseKind, Id, running, recomputed);
    }

    public override async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var now = Clock.Now;
        var change = CaseState.State.Change;
        var deadline = change is null ? null : CatalogChangeStateMachine.Running(change);
        // A deadline only comes for a change that has one; the null tests are for the compiler's flow analysis.
        if (!await Cases.DeadlineHasCome(deadline?.DueAt, now) || change is null || deadline is null)
        {
            return;
        }

        var step = change.Status == CatalogChangeStatus.AwaitingUpdate ? "update" : "report";
        var next = CatalogChangeStateMachine.Apply(Id, change.Status, CatalogChangeAction.MarkOverdue);
        CaseState.State.PendingViolations.Add(new ViolationRecord(
            $"{Id}:{step}-overdue", change.Declaration.Department, "Art 43(2)", CaseKind, Id,
            step == "update"
                ? $"The catalog was not updated within {deadline.WorkingDays} working days of the change of {change.Declaration.ChangedOn:yyyy-MM-dd} (Art 15)."
                : $"The updated catalog was not reported to the data authority within {deadline.WorkingDays} working days (Art 15).",
            now));
        await Save(change with
        {
            Status = next,
            History = [.. change.History, new CaseTransition(now, Actor.System, "overdue", change.Status.ToString(), next.ToString(), $"The {step} was due by {deadline.DueAt:O}.")],
        });
    }

    private async Task Validate(DeclareCatalogChange declaration, DateOnly today)
    {
        CatalogChangeRules.ValidateDeclaration(declaration, today);

        for (var i = 0; i < declaration.AffectedEntries.Count; i++)
        {
            var entry = await GrainFactory.GetGrain<ICatalogEntryGrain>(declaration.AffectedEntries[i]).Get();
            if (entry?.Content.ProviderDepartment != declaration.Department)
            {
                throw new ValidationFailedException($"affectedEntries[{i}]", $"{declaration.AffectedEntries[i]} is not an entry of {declaration.Department}.");
            }
        }
    }

    private CatalogChangeView Existing(Actor by)
    {
        var change = CaseState.State.Change ?? throw new NotFoundException("Catalog change", Id);
        return by.ActsFor(change.Declaration.Department)
            ? change
            : throw new NotEntitledException($"Only {change.Declaration.Department} updates and reports its catalog change {Id}.");
    }

    private async Task<CatalogChangeView> Save(CatalogChangeView change)
    {
        CaseState.State.Change = change;
        var act = change.History[^1];
        await Commit(CatalogChangeStateMachine.Running(change)?.DueAt,
            version => TransitionAudit.Of(CaseKind, Id, version, act, [change.Declaration.Department]));
        return change;
    }

    protected override CaseSummary? Summary => CaseState.State.Change is { } change
        ? new CaseSummary(Id, CaseKind, change.Status.ToString(), $"Change of {change.Declaration.ChangedOn:yyyy-MM-dd}: {change.Declaration.Basis}",
            [change.Declaration.Department], CatalogChangeStateMachine.Running(change)?.DueAt, change.DeclaredAt, change.History[^1].At,
            CaseState.State.Version, CatalogChangeStateMachine.Running(change) is not null)
        : null;

    /// <summary>On time only if both steps were (Art 15: update within 10 working days, report within 3 more).</summary>
    protected override AssessedCase? Assessment => CaseState.State.Change is { } change
        ? new AssessedCase(Id, CaseKind, change.Declaration.Department, ShanghaiTime.DateOf(change.DeclaredAt),
            change.Status switch
            {
                CatalogChangeStatus.Reported => change.UpdateLate || change.ReportLate ? Timeliness.Late : Timeliness.OnTime,
                CatalogChangeStatus.UpdateOverdue or CatalogChangeStatus.ReportOverdue => Timeliness.Overdue,
                _ => Timeliness.Pending,
            },
            Assessments.DateOf(change.ReportedAt), CaseState.State.Version)
        : null;

    [GenerateSerializer, Alias("CatalogChangeState")]
    public sealed class State : ICaseState
    {
        [Id(0)] public CatalogChangeView? Change { get; set; }
        [Id(1)] public int Version { get; set; }
        [Id(2)] public List<ViolationRecord> PendingViolations { get; set; } = [];
        [Id(3)] public List<AuditEntry> PendingAudit { get; set; } = [];
    }
}
