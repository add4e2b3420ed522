using DataSharing.Assessment;
using DataSharing.Audit;
using DataSharing.Calendar;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Departments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace DataSharing.Conflicts;

public sealed class ConflictGrain : CaseGrain<ConflictGrain.State>, IConflictGrain
{
    private const string CaseKind = CaseKinds.Conflict;

    private readonly Rulebook _rulebook;

    public ConflictGrain(
        [PersistentState("conflict", StorageNames.Platform)] IPersistentState<State> state,
        PlatformClock clock,
        IOptions<Rulebook> rulebook,
        IAuditLog audit,
        IGrainFactory grains,
        ILogger<ConflictGrain> logger)
        : base(state, clock, audit, grains, logger)
    {
        _rulebook = rulebook.Value;
    }

    public async Task<ConflictView> Open(OpenConflict conflict, Actor by)
    {
        ConflictRules.EnsureMayOpen(by);
        if (CaseState.State.Conflict is { } existing)
        {
            return Fingerprint.Of(existing.Subject) == Fingerprint.Of(conflict)
                ? existing
                : throw new IllegalTransitionException(Id, existing.Status.ToString(), "open", $"Conflict {Id} was already opened with other content.");
        }

        ConflictRules.ValidateSubject(conflict);
        var origin = ConflictRules.OriginOf(conflict, by);
        await ConflictRules.ValidateParties(conflict, origin, GrainFactory);
        var now = Clock.Now;
        var deadline = await this.Compute(now, _rulebook.ConflictNegotiationWorkingDays);
        var duplicate = origin == ConflictOrigin.Automatic;
        return await Save(new ConflictView
        {
            Id = Id,
            Status = ConflictStatus.Negotiating,
            Subject = conflict,
            Origin = origin,
            OpenedBy = by,
            OpenedAt = now,
            Parties = conflict.Parties,
            NegotiationDeadline = deadline,
            DuplicateCollection = duplicate,
            History = [new CaseTransition(now, by, "open", null, nameof(ConflictStatus.Negotiating),
                $"{string.Join(", ", conflict.Parties.Select(p => p.Department).Distinct())} negotiate until {deadline.DueDate:yyyy-MM-dd}"
                + (duplicate ? "; flagged as duplicate collection (Art 16)" : "") + $". {conflict.Description}")],
        });
    }

    public async Task<ConflictView> AddParty(ConflictParty party, Actor by)
    {
        var conflict = Existing();
        if (by != Actor.System && by.Role != Role.PlatformAdmin)
        {
            throw new NotEntitledException("Parties join a conflict through the platform (Art 27).");
        }

        if (conflict.Parties.Any(p => p.Department == party.Department && p.EntryCode == party.EntryCode))
        {
            return conflict;
        }

        var next = ConflictStateMachine.Apply(Id, conflict.Status, ConflictAction.AddParty);
        return await Move(conflict with { Parties = [.. conflict.Parties, party] }, next, "add-party",
            $"{party.Department}{(party.EntryCode is null ? "" : $" ({party.EntryCode})")} joins.", by);
    }

    public async Task<ConflictView> StatePosition(string position, Actor by)
    {
        var conflict = Existing();
        var department = PartyOf(conflict, by);
        var next = ConflictStateMachine.Apply(Id, conflict.Status, ConflictAction.StatePosition);
        Require.Text(position, "position", "Art 27");
        return await Move(conflict with
        {
            Positions = [.. conflict.Positions.Where(p => p.Department != department), new ConflictPosition(department, position, by, Clock.Now)],
        }, next, "state-position", $"{department}: {position}", by);
    }

    public async Task<ConflictView> Propose(string position, Actor by)
    {
        var conflict = Existing();
        var department = PartyOf(conflict, by);
        var next = ConflictStateMachine.Apply(Id, conflict.Status, ConflictAction.Propose);
        Require.Text(position, "position", "Art 27");
        return await Move(conflict with { Proposal = new ConflictProposal(position, by, Clock.Now, [department]) }, next, "propose",
            $"{department} proposes: {position}", by);
    }

    public async Task<ConflictView> Accept(Actor by)
    {
        var conflict = Existing();
        var department = PartyOf(conflict, by);
        ConflictStateMachine.Apply(Id, conflict.Status, ConflictAction.Accept);
        var proposal = conflict.Proposal
            ?? throw new IllegalTransitionException(Id, conflict.Status.ToString(), "accept", $"No position has been proposed in conflict {Id} yet.");
        var accepted = proposal with { AcceptedBy = [.. proposal.AcceptedBy.Append(department).Distinct()] };
        var agreed = PartyDepartments(conflict).All(accepted.AcceptedBy.Contains);
        if (!agreed)
        {
            return await Move(conflict with { Proposal = accepted }, conflict.Status, "accept", $"{department} accepts the proposal.", by);
        }

        var now = Clock.Now;
        var next = ConflictStateMachine.Apply(Id, conflict.Status, ConflictAction.Agree);
        return await Move(conflict with
        {
            Proposal = accepted,
            Resolution = new ConflictResolution(false, proposal.Position, null, by, now),
        }, next, "agree", $"Every party accepted: {proposal.Position}", by);
    }

    public async Task<ConflictView> Rule(string ruling, string? sourceDepartment, Actor by)
    {
        if (by.Role != Role.DataAuthority)
        {
            throw new NotEntitledException("The data authority rules on an escalated conflict (Art 27).");
        }

        var conflict = Existing();
        var next = ConflictStateMachine.Apply(Id, conflict.Status, ConflictAction.Rule);
        Require.Text(ruling, "ruling", "Art 27");
        Require.OptionalId(sourceDepartment, "sourceDepartment", "Art 27");
        if (sourceDepartment is not null && !PartyDepartments(conflict).Contains(sourceDepartment))
        {
            throw new ValidationFailedException("sourceDepartment", $"{sourceDepartment} is not a party to conflict {Id}.", "Art 27");
        }

        return await Move(conflict with { Resolution = new ConflictResolution(true, ruling, sourceDepartment, by, Clock.Now) }, next, "rule",
            sourceDepartment is null ? ruling : $"{ruling} Source from now on: {sourceDepartment} (Art 16).", by);
    }

    public async Task<ConflictView> Dismiss(string reason, Actor by)
    {
        if (by.Role is not (Role.PlatformAdmin or Role.DataAuthority))
        {
            throw new NotEntitledException("The platform admin or the data authority dismisses a conflict.");
        }

        var conflict = Existing();
        var next = ConflictStateMachine.Apply(Id, conflict.Status, ConflictAction.Dismiss);
        Require.Text(reason, "reason");
        return await Move(conflict with { DismissedReason = reason }, next, "dismiss", reason, by);
    }

    public Task<ConflictView?> Get() => Task.FromResult(CaseState.State.Conflict);

    public async Task<DeadlineMove?> RecomputeDeadline()
    {
        await this.ReadCalendarAfresh();
        if (CaseState.State.Conflict is not { Status: ConflictStatus.Negotiating, NegotiationDeadline: { Provisional: true } old } conflict)
        {
            return null;
        }

        var deadline = await this.Compute(conflict.OpenedAt, old.WorkingDays);
        await Move(conflict with { NegotiationDeadline = deadline }, conflict.Status, CaseDeadlines.RecomputeAction,
            CaseDeadlines.RecomputedNote(old, deadline), Actor.System);
        return CaseDeadlines.Moved(CaseKind, Id, old, deadline);
    }

    public override async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var now = Clock.Now;
        var conflict = CaseState.State.Conflict;
        if (!await Cases.DeadlineHasCome(DueOf(conflict), now) || conflict is null)
        {
            return;
        }

        // Art 27 names no violation for a failed negotiation: the authority takes the case over.
        var next = ConflictStateMachine.Apply(Id, conflict.Status, ConflictAction.Lapse);
        await Move(conflict with { EscalatedAt = now }, next, "escalate",
            $"No agreement by {conflict.NegotiationDeadline!.DueDate:yyyy-MM-dd}: the data authority coordinates and rules (Art 27).", Actor.System);
    }

    protected override CaseSummary? Summary => CaseState.State.Conflict is { } conflict
        ? new CaseSummary(Id, CaseKind, conflict.Status.ToString(), $"{conflict.Subject.Classification}: {conflict.Subject.DataItem}",
            PartyDepartments(conflict), DueOf(conflict), conflict.OpenedAt, conflict.History[^1].At, CaseState.State.Version,
            ConflictStateMachine.IsOpen(conflict.Status))
        : null;

    /// <summary>Art 27 sets no deadline on a department, so a conflict is not part of its assessment.</summary>
    protected override AssessedCase? Assessment => null;

    private static DateTimeOffset? DueOf(ConflictView? conflict) =>
        conflict is { Status: ConflictStatus.Negotiating } ? conflict.NegotiationDeadline?.DueAt : null;

    private static IReadOnlyList<string> PartyDepartments(ConflictView conflict) =>
        conflict.Parties.Select(p => p.Department).Distinct().ToList();

    private string PartyOf(ConflictView conflict, Actor by) =>
        PartyDepartments(conflict).FirstOrDefault(by.ActsFor)
        ?? throw new NotEntitledException($"Only the departments party to conflict {Id} negotiate it (Art 27).");

    private ConflictView Existing() => CaseState.State.Conflict ?? throw new NotFoundException("Conflict", Id);

    private Task<ConflictView> Move(ConflictView conflict, ConflictStatus next, string verb, string? note, Actor by) =>
        Save(conflict with
        {
            Status = next,
            History = [.. conflict.History, new CaseTransition(Clock.Now, by, verb, conflict.Status.ToString(), next.ToString(), note)],
        });

    private async Task<ConflictView> Save(ConflictView conflict)
    {
        CaseState.State.Conflict = conflict;
        var act = conflict.History[^1];
        await Commit(DueOf(conflict), version => TransitionAudit.Of(CaseKind, Id, version, act, PartyDepartments(conflict)));
        return conflict;
    }

    [GenerateSerializer, Alias("ConflictState")]
    public sealed class State : ICaseState
    {
        [Id(0)] public ConflictView? Conflict { get; set; }
        [Id(1)] public int Version { get; set; }
        [Id(2)] public List<ViolationRecord> PendingViolations { get; set; } = [];
        [Id(3)] public List<AuditEntry> PendingAudit { get; set; } = [];
    }
}
