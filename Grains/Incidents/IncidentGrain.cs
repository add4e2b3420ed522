using DataSharing.Assessment;
using DataSharing.Audit;
using DataSharing.Calendar;
using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Sharing;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace DataSharing.Incidents;

/// <summary>
/// A security incident on a catalog entry (Art 41): recorded with who it may affect, it suspends the entry's grants if
/// asked (a mark on the entry, which every access gate reads) and informs each affected department by a notice case.
/// The incident is stored first, with the departments still to inform as an outbox; the suspension and the notices
/// follow and are retried (on a repeated call, on activation, by a reminder) until done, since each is idempotent.
/// </summary>
public sealed class IncidentGrain : CaseGrain<IncidentGrain.State>, IIncidentGrain
{
    private const string CaseKind = CaseKinds.Incident;

    private readonly IShareRequestReadModel _grants;
    private readonly IAccessCheckLog _checks;
    private readonly ILogger<IncidentGrain> _logger;

    public IncidentGrain(
        [PersistentState("incident", StorageNames.Platform)] IPersistentState<State> state,
        PlatformClock clock,
        IShareRequestReadModel grants,
        IAccessCheckLog checks,
        IAuditLog audit,
        IGrainFactory grains,
        ILogger<IncidentGrain> logger)
        : base(state, clock, audit, grains, logger)
    {
        _grants = grants;
        _checks = checks;
        _logger = logger;
    }

    public async Task<IncidentView> Record(ReportIncident report, Actor by)
    {
        if (CaseState.State.Incident is { } existing)
        {
            if (Fingerprint.Of(existing.Report) != Fingerprint.Of(report) || existing.ReportedBy != by)
            {
                throw new IllegalTransitionException(Id, existing.Status.ToString(), "record", $"Incident {Id} was already recorded with other content.");
            }

            await TryPropagate(rethrow: true);
            return existing;
        }

        var now = Clock.Now;
        IncidentRules.ValidateReport(report, now);
        var entry = await GrainFactory.GetGrain<ICatalogEntryGrain>(report.EntryCode).Get()
            ?? throw new ValidationFailedException("entryCode", $"No catalog entry has the code '{report.EntryCode}'.", "Art 41");
        CatalogFederation.Owned(entry, "entryCode", "Art 41");
        var provider = entry.Content.ProviderDepartment;
        IncidentRules.EnsureHandler(by, provider);

        var notified = await Affected(report, provider);
        CaseState.State.ToNotify = notified.Select(n => n.Department).ToList();
        var incident = new IncidentView
        {
            Id = Id,
            Status = IncidentStatus.Open,
            Report = report,
            ProviderDepartment = provider,
            ReportedBy = by,
            ReportedAt = now,
            Notified = notified,
            History = [new CaseTransition(now, by, "record", null, nameof(IncidentStatus.Open),
                $"{report.Description} Records: {report.AffectedRecords.TrimEnd('.')}. {(report.SuspendGrants ? "Grants suspended. " : "")}" +
                $"Informed: {(notified.Count == 0 ? "none" : string.Join(", ", notified.Select(n => n.Department)))}.")],
        };

        await Save(incident);
        // The suspension holds before the act is answered; a failure is reported (and retried by the reminder meanwhile).
        await TryPropagate(rethrow: true);
        return incident;
    }

    public async Task<IncidentView> Close(string remedy, Actor by)
    {
        var incident = CaseState.State.Incident ?? throw new NotFoundException("Incident", Id);
        IncidentRules.EnsureHandler(by, incident.ProviderDepartment);
        var next = IncidentStateMachine.Close(Id, incident.Status);
        Require.Text(remedy, "remedy", "Art 41");
        var closed = incident with
        {
            Status = next,
            Remedy = remedy,
            History = [.. incident.History, new CaseTransition(Clock.Now, by, "close", incident.Status.ToString(), next.ToString(),
                incident.Report.SuspendGrants ? $"Suspension lifted. {remedy}" : remedy)],
        };
        await Save(closed);
        await TryPropagate(rethrow: true);
        return closed;
    }

    public Task<IncidentView?> Get() => Task.FromResult(CaseState.State.Incident);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        await TryPropagate();
    }

    /// <summary>Ticks only to retry what the last act left undone: the suspension, the notices, the audit entry, the rows.</summary>
    public override async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (await TryPropagate())
        {
            await Cases.DeadlineHasCome(null, Clock.Now);
        }
    }

    /// <summary>
    /// The departments the incident may affect (Art 41): those holding a grant of the entry, and those that used it in the
    /// leak period; the provider itself is the incident's own department and is not sent a notice.
    /// </summary>
    private async Task<List<NotifiedDepartment>> Affected(ReportIncident report, string provider)
    {
        var grounds = new SortedDictionary<string, List<IncidentNoticeGround>>(StringComparer.Ordinal);
        void Add(IEnumerable<string> departments, IncidentNoticeGround ground)
        {
            foreach (var department in departments.Where(d => d != provider))
            {
                (grounds.TryGetValue(department, out var known) ? known : grounds[department] = []).Add(ground);
            }
        }

        for (var page = new PageRequest(PageRequest.MaxLimit); ;)
        {
            var holders = await _grants.GrantHolders(report.EntryCode, page);
            Add(holders.Items, IncidentNoticeGround.HoldsGrant);
            if (holders.Next is null)
            {
                break;
            }

            page = page with { After = holders.Next };
        }

        if (report is { LeakFrom: { } from, LeakTo: { } to })
        {
            for (var page = new PageRequest(PageRequest.MaxLimit); ;)
            {
                var users = await _checks.Users(report.EntryCode, from, to, page);
                Add(users.Items, IncidentNoticeGround.UsedInPeriod);
                if (users.Next is null)
                {
                    break;
                }

                page = page with { After = users.Next };
            }
        }

        return grounds.Select(g => new NotifiedDepartment(g.Key, g.Value, IIncidentNoticeGrain.KeyOf(Id, g.Key))).ToList();
    }

    /// <summary>
    /// Brings the entry's suspension in line with the incident and sends the notices not sent yet. Both are idempotent,
    /// so a retry after a failure (or a crash) repeats nothing a department would see twice.
    /// </summary>
    private async Task Propagate()
    {
        if (CaseState.State.Incident is not { } incident)
        {
            return;
        }

        await GrainFactory.GetGrain<ICatalogEntryGrain>(incident.Report.EntryCode).SetSuspended(Id, incident.Suspended);
        if (CaseState.State.ToNotify.Count == 0)
        {
            return;
        }

        foreach (var notified in incident.Notified.Where(n => CaseState.State.ToNotify.Contains(n.Department)))
        {
            await GrainFactory.GetGrain<IIncidentNoticeGrain>(notified.NoticeId).Notify(
                new IncidentNoticeFacts(Id, notified.Department, incident.ProviderDepartment, incident.Report, notified.Grounds));
        }

        CaseState.State.ToNotify.Clear();
        await CaseState.WriteStateAsync();
    }

    /// <summary>
    /// <see cref="Propagate"/>, a failure logged and retried by the reminder a minute later; thrown on as well when the
    /// caller's act waits for it.
    /// </summary>
    private async Task<bool> TryPropagate(bool rethrow = false)
    {
        try
        {
            await Propagate();
            return true;
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Incident {Incident}: suspending its entry or informing its departments failed; retried.", Id);
            var now = Clock.Now;
            await this.Arm(now + CaseDeadlines.RetryPeriod, now);
            if (rethrow)
            {
                throw;
            }

            return false;
        }
    }

    private async Task Save(IncidentView incident)
    {
        CaseState.State.Incident = incident;
        var act = incident.History[^1];
        await Commit(null, version => TransitionAudit.Of(CaseKind, Id, version, act,
            [incident.ProviderDepartment, .. incident.Notified.Select(n => n.Department)]));
    }

    /// <summary>The provider's case; the data authority sees it in the list of every department's incidents.</summary>
    protected override CaseSummary? Summary => CaseState.State.Incident is { } incident
        ? new CaseSummary(Id, CaseKind, incident.Status.ToString(), $"Security incident on {incident.Report.EntryCode}",
            [incident.ProviderDepartment], null, incident.ReportedAt, incident.History[^1].At, CaseState.State.Version,
            incident.Status == IncidentStatus.Open)
        : null;

    protected override AssessedCase? Assessment => null;

    [GenerateSerializer, Alias("IncidentState")]
    public sealed class State : ICaseState
    {
        [Id(0)] public IncidentView? Incident { get; set; }
        [Id(1)] public int Version { get; set; }
        [Id(2)] public List<ViolationRecord> PendingViolations { get; set; } = [];
        [Id(3)] public List<AuditEntry> PendingAudit { get; set; } = [];
        /// <summary>Departments whose notice is not known to be sent yet (an outbox: sending is idempotent per notice).</summary>
        [Id(4)] public List<string> ToNotify { get; set; } = [];
    }
}
