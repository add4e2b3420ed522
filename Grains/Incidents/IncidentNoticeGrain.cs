using DataSharing.Assessment;
using DataSharing.Audit;
using DataSharing.Calendar;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Departments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;

namespace DataSharing.Incidents;

/// <summary>
/// One department's notice of an incident (Art 41): acknowledged within the rulebook's working days, or overdue with an
/// Art 43(8) violation of the department. Sending it publishes one event on the incident stream, after the notice is
/// stored: the case is the durable record, the event is for whoever watches as it happens.
/// </summary>
public sealed class IncidentNoticeGrain : CaseGrain<IncidentNoticeGrain.State>, IIncidentNoticeGrain
{
    private const string CaseKind = CaseKinds.IncidentNotice;

    private readonly Rulebook _rulebook;
    private readonly ILogger<IncidentNoticeGrain> _logger;

    public IncidentNoticeGrain(
        [PersistentState("incidentNotice", StorageNames.Platform)] IPersistentState<State> state,
        PlatformClock clock,
        IOptions<Rulebook> rulebook,
        IAuditLog audit,
        IGrainFactory grains,
        ILogger<IncidentNoticeGrain> logger)
        : base(state, clock, audit, grains, logger)
    {
        _rulebook = rulebook.Value;
        _logger = logger;
    }

    public async Task<IncidentNoticeView> Notify(IncidentNoticeFacts facts)
    {
        if (CaseState.State.Notice is { } existing)
        {
            return existing;
        }

        var now = Clock.Now;
        var deadline = await this.Compute(now, _rulebook.IncidentAcknowledgeWorkingDays);
        var notice = new IncidentNoticeView
        {
            Id = Id,
            Status = IncidentNoticeStatus.Pending,
            Facts = facts,
            NotifiedAt = now,
            Deadline = deadline,
            History = [new CaseTransition(now, Actor.System, "notify", null, nameof(IncidentNoticeStatus.Pending),
                $"Incident {facts.IncidentId} on {facts.Report.EntryCode} ({string.Join(", ", facts.Grounds)}); acknowledge by {deadline.DueDate:yyyy-MM-dd}.")],
        };
        await Save(notice);
        await Publish(notice);
        return notice;
    }

    public async Task<IncidentNoticeView> Acknowledge(Actor by)
    {
        var notice = CaseState.State.Notice ?? throw new NotFoundException("Incident notice", Id);
        if (!by.ActsFor(notice.Facts.Department))
        {
            throw new NotEntitledException($"Only {notice.Facts.Department} acknowledges its notice of incident {notice.Facts.IncidentId} (Art 41).");
        }

        var next = IncidentStateMachine.Acknowledge(Id, notice.Status);
        var now = Clock.Now;
        var late = notice.Deadline is { } deadline && now >= deadline.DueAt;
        return await Save(notice with
        {
            Status = next,
            AcknowledgedAt = now,
            AcknowledgedLate = late,
            History = [.. notice.History, new CaseTransition(now, by, "acknowledge", notice.Status.ToString(), next.ToString(), late ? "late" : null)],
        });
    }

    public Task<IncidentNoticeView?> Get() => Task.FromResult(CaseState.State.Notice);

    public async Task<DeadlineMove?> RecomputeDeadline()
    {
        await this.ReadCalendarAfresh();
        if (CaseState.State.Notice is not { Status: IncidentNoticeStatus.Pending, Deadline: { Provisional: true } old } notice)
        {
            return null;
        }

        var deadline = await this.Compute(notice.NotifiedAt, old.WorkingDays);
        await Save(notice with
        {
            Deadline = deadline,
            History = [.. notice.History, CaseDeadlines.Recomputed(Clock.Now, notice.Status.ToString(), old, deadline)],
        });
        return CaseDeadlines.Moved(CaseKind, Id, old, deadline);
    }

    public override async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var now = Clock.Now;
        var notice = CaseState.State.Notice;
        if (!await Cases.DeadlineHasCome(Due(notice), now) || notice is null)
        {
            return;
        }

        var next = IncidentStateMachine.Lapse(Id, notice.Status);
        CaseState.State.PendingViolations.Add(new ViolationRecord(
            $"{Id}:not-acknowledged", notice.Facts.Department, "Art 43(8)", CaseKind, Id,
            $"The notice of security incident {notice.Facts.IncidentId} on {notice.Facts.Report.EntryCode} was not acknowledged by " +
            $"{notice.Deadline!.DueDate:yyyy-MM-dd} (Art 41: inform at once; Art 43(8): data security duties).", now));
        await Save(notice with
        {
            Status = next,
            History = [.. notice.History, new CaseTransition(now, Actor.System, "overdue", notice.Status.ToString(), next.ToString(),
                $"Not acknowledged by {notice.Deadline.DueAt:O}.")],
        });
    }

    private static DateTimeOffset? Due(IncidentNoticeView? notice) =>
        notice is { Status: IncidentNoticeStatus.Pending } ? notice.Deadline?.DueAt : null;

    private async Task<IncidentNoticeView> Save(IncidentNoticeView notice)
    {
        CaseState.State.Notice = notice;
        var act = notice.History[^1];
        await Commit(Due(notice), version => TransitionAudit.Of(CaseKind, Id, version, act, [notice.Facts.Department, notice.Facts.ProviderDepartment]));
        return notice;
    }

    /// <summary>
    /// One event per notice, after it is stored. A failure is logged, not retried: the department finds the notice in its
    /// list whatever happens to the event, and a retried event could reach a subscriber twice.
    /// </summary>
    private async Task Publish(IncidentNoticeView notice)
    {
        try
        {
            await this.GetStreamProvider(IncidentStreams.Provider).GetStream<IncidentNotification>(StreamId.Create(IncidentStreams.Namespace, IncidentStreams.Key))
                .OnNextAsync(new IncidentNotification(Id, notice.Facts.IncidentId, notice.Facts.Department, notice.Facts.Report.EntryCode,
                    notice.Facts.Grounds, notice.NotifiedAt, notice.Deadline?.DueAt));
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Publishing incident notice {Notice} on the stream failed; the notice itself is stored.", Id);
        }
    }

    protected override CaseSummary? Summary => CaseState.State.Notice is { } notice
        ? new CaseSummary(Id, CaseKind, notice.Status.ToString(), $"Security incident {notice.Facts.IncidentId} on {notice.Facts.Report.EntryCode}",
            [notice.Facts.Department], Due(notice), notice.NotifiedAt, notice.History[^1].At, CaseState.State.Version,
            notice.Status != IncidentNoticeStatus.Acknowledged)
        : null;

    protected override AssessedCase? Assessment => null;

    [GenerateSerializer, Alias("IncidentNoticeState")]
    public sealed class State : ICaseState
    {
        [Id(0)] public IncidentNoticeView? Notice { get; set; }
        [Id(1)] public int Version { get; set; }
        [Id(2)] public List<ViolationRecord> PendingViolations { get; set; } = [];
        [Id(3)] public List<AuditEntry> PendingAudit { get; set; } = [];
    }
}
