using DataSharing.Assessment;
using DataSharing.Audit;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Departments;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace DataSharing.Catalog;

public sealed class PersonalizedCatalogRequestGrain : CaseGrain<PersonalizedCatalogRequestGrain.State>, IPersonalizedCatalogRequestGrain
{
    private const string CaseKind = CaseKinds.PersonalizedCatalogRequest;

    public PersonalizedCatalogRequestGrain(
        [PersistentState("personalizedCatalogRequest", StorageNames.Platform)] IPersistentState<State> state,
        PlatformClock clock,
        IAuditLog audit,
        IGrainFactory grains,
        ILogger<PersonalizedCatalogRequestGrain> logger)
        : base(state, clock, audit, grains, logger)
    {
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
        return await Save(new PersonalizedCatalogRequestView
        {
            Id = Id,
            Status = PersonalizedCatalogStatus.Pending,
            EntryCode = entry.Code,
            EntryName = entry.Content.Name,
            ProviderDepartment = entry.Content.ProviderDepartment,
            Justification = justification,
            RequestedBy = by,
            RequestedAt = now,
            History = [new CaseTransition(now, by, "ask", null, nameof(PersonalizedCatalogStatus.Pending), justification)],
        });
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
        if (request.Status != PersonalizedCatalogStatus.Pending)
        {
            throw new IllegalTransitionException(Id, request.Status.ToString(), decision == PersonalizedCatalogStatus.Approved ? "approve" : "reject");
        }

        Require.OptionalText(note, "note");
        var verb = decision == PersonalizedCatalogStatus.Approved ? "approve" : "reject";
        var decided = await Save(request with
        {
            Status = decision,
            Decision = note,
            History = [.. request.History, new CaseTransition(Clock.Now, by, verb, request.Status.ToString(), decision.ToString(), note)],
        });
        await MarkEntry();
        return decided;
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

    /// <summary>After an approval is stored the entry is marked; repeated on activation, so a crash in between heals.</summary>
    private Task MarkEntry() => CaseState.State.Request is { Status: PersonalizedCatalogStatus.Approved } request
        ? GrainFactory.GetGrain<ICatalogEntryGrain>(request.EntryCode).RecordPersonalizedConsent(Id)
        : Task.CompletedTask;

    private static IReadOnlyList<string> Departments(PersonalizedCatalogRequestView request) =>
        request.RequestedBy.Department is { } authority ? [request.ProviderDepartment, authority] : [request.ProviderDepartment];

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
    }
}
