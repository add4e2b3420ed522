using DataSharing.Assessment;
using DataSharing.Audit;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Federation;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace DataSharing.Catalog;

/// <summary>
/// Art 14 consent. Unfederated, the city authority asks and the provincial one decides on the same platform. On a
/// federated city platform (its province a peer) the ask travels to the province with the act, the province holds the
/// case for its data authority, and the decision comes back; nobody decides on the city's platform.
/// </summary>
public sealed class PersonalizedCatalogRequestGrain : CaseGrain<PersonalizedCatalogRequestGrain.State>, IPersonalizedCatalogRequestGrain
{
    private const string CaseKind = CaseKinds.PersonalizedCatalogRequest;

    private readonly FederationRouting _routing;
    private readonly ILogger _logger;

    public PersonalizedCatalogRequestGrain(
        [PersistentState("personalizedCatalogRequest", StorageNames.Platform)] IPersistentState<State> state,
        PlatformClock clock,
        IAuditLog audit,
        IGrainFactory grains,
        FederationRouting routing,
        ILogger<PersonalizedCatalogRequestGrain> logger)
        : base(state, clock, audit, grains, logger)
    {
        _routing = routing;
        _logger = logger;
    }

    public async Task<PersonalizedCatalogRequestView> Ask(string entryCode, string justification, Actor by)
    {
        var level = await AuthorityLevel(by);
        if (CaseState.State.Request is { } existing)
        {
            return existing.EntryCode == entryCode && existing.Justification == justification && existing.RequestedBy == by
                ? existing
                : throw new IllegalTransitionException(Id, existing.Status.ToString(), "ask", $"Request {Id} was already made with other content.");
        }

        PersonalizedCatalogRules.ValidateAsk(entryCode, justification);
        var city = level is { Level: DepartmentLevel.City }
            ? level
            : throw new NotEntitledException("A city data authority asks for consent to a personalized catalog entry (Art 14).");
        var entry = await GrainFactory.GetGrain<ICatalogEntryGrain>(entryCode).Get();
        if (entry is not { Status: CatalogEntryStatus.Draft, Content.Personalized: true })
        {
            throw new ValidationFailedException("entryCode", $"'{entryCode}' is not a draft entry marked personalized.", "Art 14");
        }

        var provider = await GrainFactory.GetGrain<IDepartmentGrain>(entry.Content.ProviderDepartment).GetProfile();
        if (provider?.RegionCode != city.RegionCode)
        {
            throw new ValidationFailedException("entryCode", $"{entryCode} belongs to {entry.Content.ProviderDepartment}, not a department of {city.RegionCode}.", "Art 14");
        }

        var now = Clock.Now;
        var request = new PersonalizedCatalogRequestView
        {
            Id = Id,
            Status = PersonalizedCatalogStatus.Pending,
            EntryCode = entry.Code,
            EntryName = entry.Content.Name,
            ProviderDepartment = entry.Content.ProviderDepartment,
            Justification = justification,
            RequestedBy = by,
            RequestedAt = now,
            ConsentPlatform = _routing.Province,
            History = [new CaseTransition(now, by, "ask", null, nameof(PersonalizedCatalogStatus.Pending), justification)],
        };
        if (request.ConsentPlatform is { } province)
        {
            // The province's authority decides (Art 14): the ask is written with the case and handed to the link after.
            CaseState.State.PendingFederation.Add(FederationEffects.PersonalizedCatalogAsked(_routing.LocalPlatform!, province, request, now));
        }

        return await Save(request);
    }

    public async Task AskFromPeer(PersonalizedCatalogRequestView asked, string fromPlatform)
    {
        if (CaseState.State.Request is not null)
        {
            return;
        }

        var now = Clock.Now;
        var held = new PersonalizedCatalogRequestView
        {
            Id = Id,
            Status = PersonalizedCatalogStatus.Pending,
            EntryCode = asked.EntryCode,
            EntryName = asked.EntryName,
            ProviderDepartment = asked.ProviderDepartment,
            Justification = asked.Justification,
            RequestedBy = asked.RequestedBy,
            RequestedAt = asked.RequestedAt,
            RequesterPlatform = fromPlatform,
            ReportedAt = now,
            History = [new CaseTransition(asked.RequestedAt, asked.RequestedBy, "ask", null, nameof(PersonalizedCatalogStatus.Pending),
                $"From platform {fromPlatform}: {asked.Justification}")],
        };
        if (RefusalOf(asked, fromPlatform, _routing.LocalPlatform) is not { } refusal)
        {
            await Save(held);
            return;
        }

        // Refused, not thrown: a throw would hold up the link for ever. The refusal is the case's decision and goes back.
        _logger.LogWarning("Platform {Peer} asked consent {Id} for {Entry}: refused ({Reason}).", fromPlatform, Id, asked.EntryCode, refusal);
        await SaveDecided(held with
        {
            Status = PersonalizedCatalogStatus.Rejected,
            Decision = refusal,
            History = [.. held.History, new CaseTransition(now, Actor.System, "reject", nameof(PersonalizedCatalogStatus.Pending),
                nameof(PersonalizedCatalogStatus.Rejected), refusal)],
        });
    }

    public async Task DecidedByPeer(PersonalizedCatalogRequestView decided, string fromPlatform)
    {
        if (CaseState.State.Request is not { } request || request.ConsentPlatform != fromPlatform)
        {
            _logger.LogWarning("Platform {Peer} decided consent {Id}, which this platform did not ask it for; ignored.", fromPlatform, Id);
            return;
        }

        if (request.Status == PersonalizedCatalogStatus.Pending && decided.Status != PersonalizedCatalogStatus.Pending && decided.History.Count > 0)
        {
            await Save(request with
            {
                Status = decided.Status,
                Decision = decided.Decision,
                ReportedAt = Clock.Now,
                History = [.. request.History, decided.History[^1]],
            });
        }

        // Also when the decision was recorded before (a message delivered again after a failure here): the mark is idempotent.
        await MarkEntry();
    }

    public Task<PersonalizedCatalogRequestView> Approve(string? note, Actor by) => Decide(PersonalizedCatalogStatus.Approved, note, by);

    public async Task<PersonalizedCatalogRequestView> Reject(string reason, Actor by)
    {
        Require.Text(reason, "reason", "Art 14");
        return await Decide(PersonalizedCatalogStatus.Rejected, reason, by);
    }

    public Task<PersonalizedCatalogRequestView?> Get() => Task.FromResult(CaseState.State.Request);

    /// <summary>Art 14 sets no time limit, so there is no deadline to keep.</summary>
    public override Task ReceiveReminder(string reminderName, TickStatus status) => Cases.DeadlineHasCome(null, Clock.Now);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        await MarkEntry();
    }

    protected override CaseSummary? Summary => CaseState.State.Request is { } request
        ? new CaseSummary(Id, CaseKind, request.Status.ToString(), $"Personalized entry {request.EntryCode}: {request.EntryName}",
            Departments(request), null, request.RequestedAt, request.History[^1].At, CaseState.State.Version,
            request.Status == PersonalizedCatalogStatus.Pending)
        : null;

    protected override AssessedCase? Assessment => null;

    private async Task<PersonalizedCatalogRequestView> Decide(PersonalizedCatalogStatus decision, string? note, Actor by)
    {
        if (await AuthorityLevel(by) is { Level: DepartmentLevel.City })
        {
            throw new NotEntitledException("The provincial data authority consents to a city's personalized catalog (Art 14).");
        }

        var request = CaseState.State.Request ?? throw new NotFoundException("Personalized catalog request", Id);
        var verb = decision == PersonalizedCatalogStatus.Approved ? "approve" : "reject";
        if ((request.ConsentPlatform ?? _routing.Province) is { } province)
        {
            // A city platform linked to its province decides nothing itself: the province's authority does, there.
            throw new IllegalTransitionException(Id, request.Status.ToString(), verb,
                $"Request {Id} is decided by the data authority of platform {province}; this platform holds the city's side of it.");
        }

        if (request.Status != PersonalizedCatalogStatus.Pending)
        {
            throw new IllegalTransitionException(Id, request.Status.ToString(), verb);
        }

        Require.OptionalText(note, "note");
        var decided = await SaveDecided(request with
        {
            Status = decision,
            Decision = note,
            History = [.. request.History, new CaseTransition(Clock.Now, by, verb, request.Status.ToString(), decision.ToString(), note)],
        });
        await MarkEntry();
        return decided;
    }

    /// <summary>A decision: on the province's case of a city's ask, written with the message that takes it back there.</summary>
    private Task<PersonalizedCatalogRequestView> SaveDecided(PersonalizedCatalogRequestView decided)
    {
        if (decided.RequesterPlatform is { } city)
        {
            CaseState.State.PendingFederation.Add(FederationEffects.PersonalizedCatalogDecided(_routing.LocalPlatform!, city, decided, Clock.Now));
        }

        return Save(decided);
    }

    /// <summary>
    /// Why the province refuses a city's ask, or null: only a city's own province consents (Art 14), a platform speaks
    /// for its own departments only (the entry's and the asking authority's), and the ask says what Art 14 requires.
    /// </summary>
    private static string? RefusalOf(PersonalizedCatalogRequestView asked, string fromPlatform, string? self)
    {
        if (FederationRouting.ProvinceOf(fromPlatform) is not { } province || province != self || fromPlatform == self)
        {
            return $"Platform {self} is not the province of platform {fromPlatform}; its own province consents (Art 14).";
        }

        try
        {
            PersonalizedCatalogRules.ValidateAsk(asked.EntryCode, asked.Justification);
        }
        catch (ValidationFailedException invalid)
        {
            return $"{invalid.Field}: {invalid.Detail}";
        }

        if (CatalogCodes.DepartmentOf(asked.EntryCode) != asked.ProviderDepartment || FederationRouting.PlatformOf(asked.ProviderDepartment) != fromPlatform)
        {
            return $"Entry {asked.EntryCode} of {asked.ProviderDepartment} is not an entry of a department of platform {fromPlatform} (Art 14).";
        }

        return asked.RequestedBy is { Role: Role.DataAuthority, Department: { } authority } && FederationRouting.PlatformOf(authority) == fromPlatform
            ? null
            : $"The ask of {asked.RequestedBy.Subject} is not one of the data authority of platform {fromPlatform} (Art 14).";
    }

    /// <summary>
    /// The data authority acting: its department's profile (null for the platform's own authority, which in a
    /// province cluster is the provincial one). Anyone else is refused.
    /// </summary>
    private async Task<DepartmentProfile?> AuthorityLevel(Actor by)
    {
        if (by.Role != Role.DataAuthority)
        {
            throw new NotEntitledException("Personalized catalogs are between the city and the provincial data authorities (Art 14).");
        }

        return by.Department is { } department ? await GrainFactory.GetGrain<IDepartmentGrain>(department).GetProfile() : null;
    }

    /// <summary>
    /// After an approval is stored the entry is marked; repeated on activation, so a crash in between heals. The
    /// province's case of a city's ask marks nothing: the entry is on the city's platform, which marks it when the
    /// decision arrives.
    /// </summary>
    private Task MarkEntry() => CaseState.State.Request is { Status: PersonalizedCatalogStatus.Approved, RequesterPlatform: null } request
        ? GrainFactory.GetGrain<ICatalogEntryGrain>(request.EntryCode).RecordPersonalizedConsent(Id)
        : Task.CompletedTask;

    private static IReadOnlyList<string> Departments(PersonalizedCatalogRequestView request) =>
        request.RequestedBy.Department is { } authority ? [request.ProviderDepartment, authority] : [request.ProviderDepartment];

    protected override Task Send() => FederationOutbox.Send(CaseState.State.PendingFederation, CaseState, GrainFactory, _routing);

    private async Task<PersonalizedCatalogRequestView> Save(PersonalizedCatalogRequestView request)
    {
        CaseState.State.Request = request;
        var act = request.History[^1];
        await Commit(null, version => TransitionAudit.Of(CaseKind, Id, version, act, Departments(request)));
        return request;
    }

    [GenerateSerializer, Alias("PersonalizedCatalogRequestState")]
    public sealed class State : ICaseState
    {
        [Id(0)] public PersonalizedCatalogRequestView? Request { get; set; }
        [Id(1)] public int Version { get; set; }
        [Id(2)] public List<ViolationRecord> PendingViolations { get; set; } = [];
        [Id(3)] public List<AuditEntry> PendingAudit { get; set; } = [];

        /// <summary>The ask or the decision for the other platform, written with the act, until its link took it (see <see cref="FederationOutbox"/>).</summary>
        [Id(4)] public List<FederationMessage> PendingFederation { get; set; } = [];
    }
}
