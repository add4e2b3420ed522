using DataSharing.Assessment;
using DataSharing.Audit;
using DataSharing.Calendar;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Departments;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace DataSharing.Supervision;

public sealed class RectificationNoticeGrain : CaseGrain<RectificationNoticeGrain.State>, IRectificationNoticeGrain
{
    private const string CaseKind = CaseKinds.RectificationNotice;

    public RectificationNoticeGrain(
        [PersistentState("rectificationNotice", StorageNames.Platform)] IPersistentState<State> state,
        PlatformClock clock,
        IAuditLog audit,
        IGrainFactory grains,
        ILogger<RectificationNoticeGrain> logger)
        : base(state, clock, audit, grains, logger)
    {
    }

    public async Task<RectificationNoticeView> Issue(IssueNotice notice, Actor by)
    {
        EnsureAuthority(by);
        if (CaseState.State.Notice is { } existing)
        {
            return Fingerprint.Of(existing.Notice) == Fingerprint.Of(notice)
                ? existing
                : throw new IllegalTransitionException(Id, existing.Status.ToString(), "issue", $"Notice {Id} was already issued with other content.");
        }

        NoticeRules.ValidateIssue(notice);
        var now = Clock.Now;
        NoticeRules.ValidateDeadline(notice.RectifyBy, ShanghaiTime.DateOf(now), "the rectification deadline");

        if (await GrainFactory.GetGrain<IDepartmentGrain>(notice.Department).GetProfile() is null)
        {
            throw new ValidationFailedException("department", $"No department has the code '{notice.Department}'.");
        }

        return await Save(new RectificationNoticeView
        {
            Id = Id,
            Status = RectificationStatus.Open,
            Notice = notice,
            IssuedBy = by,
            IssuedAt = now,
            DueAt = ShanghaiTime.EndOf(notice.RectifyBy),
            History = [new CaseTransition(now, by, "issue", null, nameof(RectificationStatus.Open), $"Rectify by {notice.RectifyBy:yyyy-MM-dd}: {notice.Findings}")],
        });
    }

    public async Task<RectificationNoticeView> ReportRectification(string report, Actor by)
    {
        var notice = Existing();
        if (!by.ActsFor(notice.Notice.Department))
        {
            throw new NotEntitledException($"Only {notice.Notice.Department} reports its rectification.");
        }

        var next = RectificationStateMachine.Apply(Id, notice.Status, RectificationAction.Report);
        Require.Text(report, "report", "Art 43");
        CaseState.State.ReportedFrom = notice.Status;
        return await Move(notice with { LastReport = report }, next, "report", report, by);
    }

    public async Task<RectificationNoticeView> Decide(bool accept, string? reason, Actor by)
    {
        EnsureAuthority(by);
        var notice = Existing();
        var next = RectificationStateMachine.Apply(Id, notice.Status, accept ? RectificationAction.Accept : RectificationAction.Reject, CaseState.State.ReportedFrom);
        if (accept)
        {
            Require.OptionalText(reason, "reason");
        }
        else
        {
            Require.Text(reason, "reason", "Art 43");
        }

        return await Move(notice, next, accept ? "accept" : "reject", reason, by);
    }

    public async Task<RectificationNoticeView> RecordGovernmentOrder(DateOnly rectifyBy, string order, Actor by)
    {
        EnsureAuthority(by);
        var notice = Existing();
        var next = RectificationStateMachine.Apply(Id, notice.Status, RectificationAction.GovernmentOrder);
        Require.Text(order, "order", "Art 43");
        NoticeRules.ValidateDeadline(rectifyBy, ShanghaiTime.DateOf(Clock.Now), "the new deadline");

        return await Move(notice with { GovernmentRectifyBy = rectifyBy, DueAt = ShanghaiTime.EndOf(rectifyBy) }, next, "government-order",
            $"Rectify by {rectifyBy:yyyy-MM-dd}: {order}", by);
    }

    public Task<RectificationNoticeView?> Get() => Task.FromResult(CaseState.State.Notice);

    public override async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var now = Clock.Now;
        var notice = CaseState.State.Notice;
        // A deadline only comes for a notice that has one; the null test is for the compiler's flow analysis.
        if (!await Cases.DeadlineHasCome(notice is not null && RectificationStateMachine.DeadlineRuns(notice.Status) ? notice.DueAt : null, now)
            || notice is null)
        {
            return;
        }

        var serious = notice.Status == RectificationStatus.GovernmentOrdered;
        CaseState.State.PendingViolations.Add(new ViolationRecord(
            $"{Id}:{(serious ? "serious" : "not-rectified")}", notice.Notice.Department, $"Art 43({(int)notice.Notice.Category})", CaseKind, Id,
            serious
                ? $"Not corrected by the people's government's deadline ({notice.DueAt:yyyy-MM-dd}): serious (Art 43)."
                : $"Not rectified by the data authority's deadline ({notice.Notice.RectifyBy:yyyy-MM-dd}); reported to the people's government (Art 43).",
            now));
        var next = RectificationStateMachine.Apply(Id, notice.Status, RectificationAction.Lapse);
        await Move(notice, next, serious ? "serious" : "escalate", $"Deadline {notice.DueAt:O} passed.", Actor.System);
    }

    private static void EnsureAuthority(Actor by)
    {
        if (by.Role != Role.DataAuthority)
        {
            throw new NotEntitledException("Rectification notices are the data authority's (Art 43).");
        }
    }

    private RectificationNoticeView Existing() => CaseState.State.Notice ?? throw new NotFoundException("Rectification notice", Id);

    private Task<RectificationNoticeView> Move(RectificationNoticeView notice, RectificationStatus next, string verb, string? note, Actor by) =>
        Save(notice with
        {
            Status = next,
            History = [.. notice.History, new CaseTransition(Clock.Now, by, verb, notice.Status.ToString(), next.ToString(), note)],
        });

    private async Task<RectificationNoticeView> Save(RectificationNoticeView notice)
    {
        CaseState.State.Notice = notice;
        var act = notice.History[^1];
        await Commit(RectificationStateMachine.DeadlineRuns(notice.Status) ? notice.DueAt : null,
            version => TransitionAudit.Of(CaseKind, Id, version, act, [notice.Notice.Department]));
        return notice;
    }

    protected override CaseSummary? Summary => CaseState.State.Notice is { } notice
        ? new CaseSummary(Id, CaseKind, notice.Status.ToString(), $"Art 43({(int)notice.Notice.Category}) {notice.Notice.Category}",
            [notice.Notice.Department], RectificationStateMachine.DeadlineRuns(notice.Status) ? notice.DueAt : null, notice.IssuedAt,
            notice.History[^1].At, CaseState.State.Version, notice.Status != RectificationStatus.Rectified)
        : null;

    /// <summary>Open until rectified; rectified late (or overdue while not) once it was ever escalated.</summary>
    protected override AssessedCase? Assessment => CaseState.State.Notice is { } notice
        ? new AssessedCase(Id, CaseKind, notice.Notice.Department, ShanghaiTime.DateOf(notice.IssuedAt),
            (notice.Status == RectificationStatus.Rectified, notice.History.Any(h => h.Action == "escalate")) switch
            {
                (true, false) => Timeliness.OnTime,
                (true, true) => Timeliness.Late,
                (false, true) => Timeliness.Overdue,
                (false, false) => Timeliness.Pending,
            },
            notice.Status == RectificationStatus.Rectified ? ShanghaiTime.DateOf(notice.History[^1].At) : null, CaseState.State.Version)
        : null;

    [GenerateSerializer, Alias("RectificationNoticeState")]
    public sealed class State : ICaseState
    {
        [Id(0)] public RectificationNoticeView? Notice { get; set; }
        [Id(1)] public int Version { get; set; }
        [Id(2)] public List<ViolationRecord> PendingViolations { get; set; } = [];
        [Id(3)] public List<AuditEntry> PendingAudit { get; set; } = [];
        [Id(4)] public RectificationStatus? ReportedFrom { get; set; }
    }
}
