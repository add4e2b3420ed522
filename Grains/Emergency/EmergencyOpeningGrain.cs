using DataSharing.Assessment;
using DataSharing.Audit;
using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Common;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace DataSharing.Emergency;

/// <summary>
/// An emergency opening of catalog entries (Art 35). Its expiry is the case's deadline: the reminder is armed before the
/// opening is stored, so it ends by itself at expiry whatever restarts in between. Each entry carries the opening as a
/// mark (where the entry is returned: "emergencyOpen") while it runs; the marks are set again on every activation.
/// </summary>
public sealed class EmergencyOpeningGrain : CaseGrain<EmergencyOpeningGrain.State>, IEmergencyOpeningGrain
{
    private const string CaseKind = CaseKinds.EmergencyOpening;

    private readonly ILogger<EmergencyOpeningGrain> _logger;

    public EmergencyOpeningGrain(
        [PersistentState("emergencyOpening", StorageNames.Platform)] IPersistentState<State> state,
        PlatformClock clock,
        IAuditLog audit,
        IGrainFactory grains,
        ILogger<EmergencyOpeningGrain> logger)
        : base(state, clock, audit, grains, logger)
    {
        _logger = logger;
    }

    public async Task<EmergencyOpeningView> Open(OpenEmergency opening, Actor by)
    {
        if (CaseState.State.Opening is { } existing)
        {
            if (Fingerprint.Of(existing.Opening) != Fingerprint.Of(opening) || existing.OpenedBy != by)
            {
                throw new IllegalTransitionException(Id, existing.Status.ToString(), "open", $"Emergency opening {Id} was already made with other content.");
            }

            await MarkEntries(existing);
            return existing;
        }

        var now = Clock.Now;
        EmergencyRules.ValidateOpening(opening, now);
        var providers = new List<string>();
        for (var i = 0; i < opening.EntryCodes.Count; i++)
        {
            var entry = await GrainFactory.GetGrain<ICatalogEntryGrain>(opening.EntryCodes[i]).Get();
            if (entry is not { Status: CatalogEntryStatus.Published })
            {
                throw new ValidationFailedException($"entryCodes[{i}]", $"No published catalog entry has the code '{opening.EntryCodes[i]}'.", "Art 35");
            }

            CatalogFederation.Owned(entry, $"entryCodes[{i}]", "Art 35");
            providers.Add(entry.Content.ProviderDepartment);
        }

        EmergencyRules.EnsureMayOpen(by, providers);
        var view = new EmergencyOpeningView
        {
            Id = Id,
            Status = EmergencyOpeningStatus.Open,
            Opening = opening,
            Providers = providers.Distinct().Order(StringComparer.Ordinal).ToList(),
            OpenedBy = by,
            OpenedAt = now,
            History = [new CaseTransition(now, by, "open", null, nameof(EmergencyOpeningStatus.Open),
                $"{string.Join(", ", opening.EntryCodes)} until {opening.ExpiresAt:O}, updated {opening.UpdateFrequency}: {opening.Reason}")],
        };
        await Save(view);
        return view;
    }

    public async Task<EmergencyOpeningView> End(string reason, Actor by)
    {
        var view = CaseState.State.Opening ?? throw new NotFoundException("Emergency opening", Id);
        // Whoever may open these entries may end the opening early.
        EmergencyRules.EnsureMayOpen(by, view.Providers);
        if (view.Status != EmergencyOpeningStatus.Open)
        {
            throw new IllegalTransitionException(Id, view.Status.ToString(), "end");
        }

        Require.Text(reason, "reason", "Art 35");
        return await Finish(view, EmergencyOpeningStatus.Ended, "end", reason, by);
    }

    public Task<EmergencyOpeningView?> Get() => Task.FromResult(CaseState.State.Opening);

    public Task<bool> IsOpenNow() => Task.FromResult(IsOpen(CaseState.State.Opening, Clock.Now));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (CaseState.State.Opening is { } view)
        {
            try
            {
                await MarkEntries(view);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Marking the entries of emergency opening {Opening} failed; retried on its next activation or tick.", Id);
            }
        }
    }

    public override async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var now = Clock.Now;
        var view = CaseState.State.Opening;
        if (!await Cases.DeadlineHasCome(Due(view), now) || view is null)
        {
            // Also the retry of entry marks a failed act left behind: set again whatever the state.
            if (view is not null)
            {
                await MarkEntries(view);
            }

            return;
        }

        await Finish(view, EmergencyOpeningStatus.Expired, "expire", $"Expired at {view.Opening.ExpiresAt:O}.", Actor.System);
    }

    private static bool IsOpen(EmergencyOpeningView? view, DateTimeOffset now) =>
        view is { Status: EmergencyOpeningStatus.Open } && now < view.Opening.ExpiresAt;

    private static DateTimeOffset? Due(EmergencyOpeningView? view) =>
        view is { Status: EmergencyOpeningStatus.Open } ? view.Opening.ExpiresAt : null;

    private Task<EmergencyOpeningView> Finish(EmergencyOpeningView view, EmergencyOpeningStatus next, string verb, string note, Actor by) =>
        Save(view with
        {
            Status = next,
            EndedAt = Clock.Now,
            History = [.. view.History, new CaseTransition(Clock.Now, by, verb, view.Status.ToString(), next.ToString(), note)],
        });

    private async Task<EmergencyOpeningView> Save(EmergencyOpeningView view)
    {
        CaseState.State.Opening = view;
        var act = view.History[^1];
        await Commit(Due(view), version => TransitionAudit.Of(CaseKind, Id, version, act, view.Providers));
        await MarkEntries(view);
        return view;
    }

    /// <summary>Sets (or removes) the opening's mark on each entry; idempotent, so it is simply done again after a failure.</summary>
    private async Task MarkEntries(EmergencyOpeningView view)
    {
        var mark = new EmergencyOpenMark(Id, view.Opening.Reason, view.Opening.ExpiresAt, view.Opening.UpdateFrequency);
        var open = view.Status == EmergencyOpeningStatus.Open;
        foreach (var code in view.Opening.EntryCodes)
        {
            await GrainFactory.GetGrain<ICatalogEntryGrain>(code).SetEmergencyOpening(mark, open);
        }
    }

    /// <summary>A case of the providers whose entries it opens, soonest expiry first while open.</summary>
    protected override CaseSummary? Summary => CaseState.State.Opening is { } view
        ? new CaseSummary(Id, CaseKind, view.Status.ToString(), $"Emergency opening of {string.Join(", ", view.Opening.EntryCodes.Take(3))}" +
            (view.Opening.EntryCodes.Count > 3 ? $" and {view.Opening.EntryCodes.Count - 3} more" : ""),
            view.Providers, Due(view), view.OpenedAt, view.History[^1].At, CaseState.State.Version, view.Status == EmergencyOpeningStatus.Open)
        : null;

    protected override AssessedCase? Assessment => null;

    [GenerateSerializer, Alias("EmergencyOpeningState")]
    public sealed class State : ICaseState
    {
        [Id(0)] public EmergencyOpeningView? Opening { get; set; }
        [Id(1)] public int Version { get; set; }
        [Id(2)] public List<Departments.ViolationRecord> PendingViolations { get; set; } = [];
        [Id(3)] public List<AuditEntry> PendingAudit { get; set; } = [];
    }
}
