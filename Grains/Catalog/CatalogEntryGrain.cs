using DataSharing.Cases;
using DataSharing.Audit;
using DataSharing.Calendar;
using DataSharing.Common;
using DataSharing.Conflicts;
using DataSharing.Departments;
using DataSharing.Federation;
using DataSharing.OpenData;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace DataSharing.Catalog;

public sealed class CatalogEntryGrain(
    [PersistentState("catalogEntry", StorageNames.Platform)] IPersistentState<CatalogEntryGrain.State> state,
    PlatformClock clock,
    IAuditLog audit,
    CatalogEntryCache cache,
    ICatalogListStore catalog,
    ICatalogHistoryStore history,
    IOptions<OpenDataOptions> openData,
    FederationRouting federation,
    ILogger<CatalogEntryGrain> logger)
    : Grain, ICatalogEntryGrain, IRemindable
{
    private string Code => this.GetPrimaryKeyString();

    public async Task<CatalogEntryView> Draft(CatalogEntryContent content, Actor by)
    {
        if (state.State.Entry is { } existing)
        {
            // A retried draft carries the content of version 1; anything else is a second entry under one code.
            return existing.Version == 1 && Fingerprint.Of(existing.Content) == Fingerprint.Of(content)
                ? existing
                : throw new IllegalTransitionException(Code, existing.Status.ToString(), "draft", $"Catalog entry {Code} already exists.");
        }

        EnsureProvider(content.ProviderDepartment, by);
        await ValidateAsync(content);
        var now = clock.Now;
        state.State.Entry = new CatalogEntryView(Code, CatalogEntryStatus.Draft, 1, content, now, now, null, null);
        state.State.PendingHistory.Add(new CatalogEntryVersion(1, content, by, now, "drafted"));
        return await Save("draft", null, by);
    }

    public async Task<CatalogEntryView> Edit(CatalogEntryContent content, int? expectedVersion, string? note, Actor by)
    {
        var entry = Existing(by);
        if (entry.Status == CatalogEntryStatus.Retired)
        {
            throw new IllegalTransitionException(Code, entry.Status.ToString(), "edit");
        }

        if (expectedVersion is { } expected && expected != entry.Version)
        {
            throw new IllegalTransitionException(Code, entry.Status.ToString(), "edit",
                $"Catalog entry {Code} is at version {entry.Version}, not {expected}; reload it and edit again.");
        }

        Require.OptionalText(note, "note");
        if (content.ProviderDepartment != entry.Content.ProviderDepartment)
        {
            throw new ValidationFailedException("providerDepartment", "An entry stays with its responsible department; retire it and compile a new one.");
        }

        if (entry.Status != CatalogEntryStatus.Draft && entry.Content.OpenType == OpenType.NonOpen && content.OpenType != OpenType.NonOpen)
        {
            // Art 36: the open attribute is fixed when the catalog is compiled; non-open data in the catalog is listed as open
            // only once desensitized or consented to, and that is an act of its own, recorded with why.
            throw new IllegalTransitionException(Code, $"{entry.Status}, {entry.Content.OpenType}", "open",
                $"Catalog entry {Code} is NonOpen: open it with POST /api/catalog/{Code}/open, giving desensitization rules or the rights holders' consent (Art 36).");
        }

        await ValidateAsync(content);
        var now = clock.Now;
        var version = entry.Version + 1;
        state.State.Entry = entry with { Version = version, Content = content, UpdatedAt = now };
        state.State.PendingHistory.Add(new CatalogEntryVersion(version, content, by, now, note));
        return await Save("edit", Describe(entry), by, entry);
    }

    public async Task<CatalogEntryView> Open(OpeningRequest request, Actor by)
    {
        var entry = Existing(by);
        if (request.ExpectedVersion is { } expected && expected != entry.Version)
        {
            throw new IllegalTransitionException(Code, entry.Status.ToString(), "open",
                $"Catalog entry {Code} is at version {entry.Version}, not {expected}; reload it and open it again.");
        }

        if (entry.Status == CatalogEntryStatus.Retired || entry.Content.OpenType != OpenType.NonOpen)
        {
            throw new IllegalTransitionException(Code, $"{entry.Status}, {entry.Content.OpenType}", "open",
                $"Catalog entry {Code} is {entry.Status} and {entry.Content.OpenType}: only a NonOpen entry in force is opened by this act.");
        }

        if (request.To is not (OpenType.UnconditionalOpen or OpenType.ConditionalOpen))
        {
            throw new ValidationFailedException("openType", "openType is UnconditionalOpen or ConditionalOpen.", DesensitizationRuleSet.Article);
        }

        if (request.Desensitization is not { Count: > 0 } && request.Consent is null)
        {
            throw new IllegalTransitionException(Code, $"{entry.Status}, {entry.Content.OpenType}", "open",
                $"Catalog entry {Code} is NonOpen: it is opened only once desensitized (give desensitization rules) or with the rights holders' consent "
                + "(give consent: reference and description) (Art 36).");
        }

        if (request.Consent is { } consent)
        {
            Require.Line(consent.Reference, "consent.reference", DesensitizationRuleSet.Article);
            Require.Text(consent.Description, "consent.description", DesensitizationRuleSet.Article);
        }

        var content = entry.Content with
        {
            OpenType = request.To.Value,
            Desensitization = request.Desensitization is { Count: > 0 } rules ? rules : entry.Content.Desensitization,
        };
        await ValidateAsync(content);
        var now = clock.Now;
        var version = entry.Version + 1;
        var why = request.Consent is { } given
            ? $"opened as {request.To} with the rights holders' consent {given.Reference} (Art 36)"
            : $"opened as {request.To}, desensitized by {request.Desensitization!.Count} recorded rules (Art 36)";
        state.State.Entry = entry with
        {
            Version = version, Content = content, UpdatedAt = now,
            Opening = new OpeningRecord(entry.Content.OpenType, request.To.Value, request.Consent, by, now, version),
        };
        state.State.PendingHistory.Add(new CatalogEntryVersion(version, content, by, now, why));
        return await Save("open", Describe(entry), by, entry);
    }

    public async Task<CatalogEntryView> Publish(Actor by)
    {
        var entry = Existing(by);
        if (entry.Status != CatalogEntryStatus.Draft)
        {
            throw new IllegalTransitionException(Code, entry.Status.ToString(), "publish");
        }

        if (entry.Content.Personalized && entry.PersonalizedConsent is null)
        {
            throw new IllegalTransitionException(Code, entry.Status.ToString(), "publish",
                $"Catalog entry {Code} is in a personalized catalog: it is published once the provincial data authority consents (Art 14).");
        }

        var now = clock.Now;
        state.State.Entry = entry with { Status = CatalogEntryStatus.Published, PublishedAt = now, UpdatedAt = now };
        return await Save("publish", Describe(entry), by, entry);
    }

    public async Task<CatalogEntryView> Retire(string reason, Actor by)
    {
        var entry = Existing(by);
        if (entry.Status == CatalogEntryStatus.Retired)
        {
            throw new IllegalTransitionException(Code, entry.Status.ToString(), "retire");
        }

        Require.Text(reason, "reason");

        state.State.Entry = entry with { Status = CatalogEntryStatus.Retired, RetiredReason = reason, UpdatedAt = clock.Now };
        return await Save("retire", Describe(entry), by, entry);
    }

    public Task<CatalogEntryCopy?> CopyFor(string peer) => Task.FromResult(state.State.Entry switch
    {
        _ when federation.LocalPlatform is null || !federation.IsPeer(peer) => null,
        { Origin: null } entry when CatalogFederation.Shared(entry) =>
            new CatalogEntryCopy(federation.LocalPlatform, state.State.Acts, true, CatalogFederation.Portable(entry)),
        { Origin: { } origin, Status: not CatalogEntryStatus.Retired } entry when origin.Platform != peer && origin.Via != peer =>
            new CatalogEntryCopy(origin.Platform, origin.Act, true, CatalogFederation.Portable(entry)),
        _ => null,
    });

    public async Task ApplyCopy(CatalogEntryCopy copy, string fromPlatform)
    {
        var held = state.State.Entry;
        if (!CatalogFederation.MayHold(Code, copy, federation.LocalPlatform) || held is { Origin: null })
        {
            // Signed by a genuine peer but not for it to say: logged, never thrown (a throw would hold up the link).
            logger.LogWarning("Platform {Peer} sent a copy of {Entry} from {Origin}, which this platform does not take from it; ignored.", fromPlatform, Code, copy.Origin);
            return;
        }

        if (held?.Origin is { } origin && origin.Act >= copy.Act)
        {
            return;
        }

        var entry = CatalogFederation.CopyOf(copy, fromPlatform, clock.Now);
        var by = CatalogFederation.Peer(fromPlatform, entry.Content.ProviderDepartment);
        state.State.Entry = entry;
        if (held is null || held.Version < entry.Version)
        {
            state.State.PendingHistory.Add(new CatalogEntryVersion(entry.Version, entry.Content, by, entry.Origin!.ReportedAt, $"copied from platform {copy.Origin}"));
        }

        // Art 23, level by level: the province hands a city's entry on to the other cities (never back to where it came from).
        foreach (var peer in federation.Peers.Where(p => p != fromPlatform && p != copy.Origin))
        {
            state.State.PendingFederation.Add(FederationEffects.CatalogEntryChanged(federation.LocalPlatform!, peer, copy, clock.Now));
        }

        await Save("copy", held is null ? null : Describe(held), by, held);
    }

    public Task<CatalogEntryView?> Get() => Task.FromResult(state.State.Entry);

    public async Task SetUnderReview(string reviewId, bool open)
    {
        if (state.State.Entry is not { } entry)
        {
            return;
        }

        var reviews = new SortedSet<string>(entry.UnderReview ?? [], StringComparer.Ordinal);
        if (open ? reviews.Add(reviewId) : reviews.Remove(reviewId))
        {
            // Not a new version of the content: the entry is served as it is, only marked.
            state.State.Entry = entry with { UnderReview = reviews.ToList() };
            await state.WriteStateAsync();
            cache.Put(state.State.Entry);
        }
    }

    public async Task SetSuspended(string incidentId, bool suspended)
    {
        if (state.State.Entry is not { } entry)
        {
            return;
        }

        var incidents = new SortedSet<string>(entry.SuspendedBy ?? [], StringComparer.Ordinal);
        if (suspended ? incidents.Add(incidentId) : incidents.Remove(incidentId))
        {
            // A mark, not a new version of the content; the incident keeps the act in the audit log. Put in this silo's
            // cache at once; other silos' access gates see it within CacheOptions.CatalogMaxAge.
            state.State.Entry = entry with { SuspendedBy = incidents.Count == 0 ? null : incidents.ToList() };
            await state.WriteStateAsync();
            cache.Put(state.State.Entry);
            // The catalog list marks the entry suspended too, so that nobody requests its data unawares.
            await Index(state.State.Entry, activating: false);
        }
    }

    public async Task SetEmergencyOpening(EmergencyOpenMark mark, bool open)
    {
        if (state.State.Entry is not { } entry)
        {
            return;
        }

        var current = entry.EmergencyOpenings ?? [];
        if (open ? !current.Contains(mark) : current.Any(m => m.OpeningId == mark.OpeningId))
        {
            var others = current.Where(m => m.OpeningId != mark.OpeningId).ToList();
            List<EmergencyOpenMark> marks = open ? [.. others, mark] : others;
            // A mark, not a new version of the content; the opening keeps the act in the audit log.
            state.State.Entry = entry with { EmergencyOpenings = marks.Count == 0 ? null : marks };
            await state.WriteStateAsync();
            cache.Put(state.State.Entry);
            await Index(state.State.Entry, activating: false);
        }
    }

    public Task<EmergencyOpenMark?> EmergencyOpeningNow()
    {
        var now = clock.Now;
        return Task.FromResult((state.State.Entry?.EmergencyOpenings ?? []).Where(m => m.ExpiresAt > now).MaxBy(m => m.ExpiresAt));
    }

    public async Task RecordPersonalizedConsent(string requestId)
    {
        if (state.State.Entry is not { } entry || entry.PersonalizedConsent == requestId)
        {
            return;
        }

        // Not a new version of the content: the consent is a mark on the entry, kept in the audit log by the request.
        state.State.Entry = entry with { PersonalizedConsent = requestId };
        await state.WriteStateAsync();
        cache.Put(state.State.Entry);
        await Index(state.State.Entry, activating: false);
    }

    public async Task<Page<CatalogEntryVersion>> GetHistory(PageRequest page)
    {
        // A version the store did not take yet is appended first, so the history never lacks the entry's newest version.
        await FlushHistory();
        return await history.List(Code, page);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The catalog list is refreshed from the entry on every activation, so a crash between the entry's write
        // and the list's update heals the next time the entry is touched.
        if (state.State.Entry is { } entry)
        {
            cache.Put(entry);
            await Index(entry, activating: true);
            await SyncElements(null, entry);
        }

        await AuditOutbox.Flush(state.State.PendingAudit, audit, logger);
        await FlushHistory();
        await FlushFederation();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        state.State.PendingFederation.Count == 0 ? this.Disarm() : FlushFederation();

    private CatalogEntryView Existing(Actor by)
    {
        var entry = state.State.Entry ?? throw new NotFoundException("Catalog entry", Code);
        if (entry.Origin is { } origin)
        {
            // Art 23: the owner's platform keeps its entry; this is its copy, changed only by what the owner reports.
            throw new IllegalTransitionException(Code, entry.Status.ToString(), "change",
                $"Catalog entry {Code} belongs to platform {origin.Platform}; this is its read-only copy (as reported at {origin.ReportedAt:O}).");
        }

        EnsureProvider(entry.Content.ProviderDepartment, by);
        return entry;
    }

    /// <summary>Each department compiles and maintains its own catalog (Art 5, 14).</summary>
    private void EnsureProvider(string provider, Actor by)
    {
        if (!by.ActsFor(provider))
        {
            throw new NotEntitledException($"Only {provider} maintains its catalog entries.");
        }
    }

    private async Task ValidateAsync(CatalogEntryContent content)
    {
        CatalogEntryRules.Validate(content);
        // A bad rule is refused when the entry is compiled, not when its data is first opened (400 naming desensitization[i]).
        DesensitizationRuleSet.Create(content.DataItems, content.Desensitization, openData.Value);
        var provider = await GrainFactory.GetGrain<IDepartmentGrain>(content.ProviderDepartment).GetProfile()
            ?? throw new ValidationFailedException("providerDepartment", $"No department has the code '{content.ProviderDepartment}'.");
        if (content.Personalized && provider.Level != DepartmentLevel.City)
        {
            throw new ValidationFailedException("personalized",
                "A personalized catalog is a city's, for local data outside the provincial catalog (Art 14); a provincial department's entries are the provincial catalog.", "Art 14");
        }
    }

    /// <summary>Stores the entry with the audit entry for this act (Art 38: every catalog edit is kept), then
    /// appends it to the log and the new version to the history, and refreshes the catalog list.</summary>
    private async Task<CatalogEntryView> Save(string action, string? before, Actor by, CatalogEntryView? previous = null)
    {
        var entry = state.State.Entry!;
        state.State.Acts++;
        state.State.PendingAudit.Add(new AuditEntry(
            $"{Code}#{state.State.Acts}", entry.Origin?.ReportedAt ?? entry.UpdatedAt, by, [entry.Content.ProviderDepartment], CaseKind, Code, action, before, Describe(entry)));
        ReportToPeers(entry);
        if (state.State.PendingFederation.Count > 0)
        {
            // Armed before the messages are kept: none stored without a tick to hand it over should this silo die now.
            await this.Arm(clock.Now + CaseDeadlines.RetryPeriod, clock.Now);
        }

        await state.WriteStateAsync();
        cache.Put(entry);
        await AuditOutbox.Flush(state.State.PendingAudit, audit, logger);
        await FlushHistory();
        await Index(entry, activating: false);
        await SyncElements(previous, entry);
        await FlushFederation();
        return entry;
    }

    /// <summary>
    /// Art 23: an act on an entry shared with the other levels is reported to every peer, in the state written with
    /// the act (<see cref="FederationOutbox"/>); once shared, every later act is, so the copies learn of its end too.
    /// </summary>
    private void ReportToPeers(CatalogEntryView entry)
    {
        var shared = CatalogFederation.Shared(entry);
        if (entry.Origin is not null || federation.LocalPlatform is not { } self || !(shared || state.State.SharedWithPeers))
        {
            return;
        }

        state.State.SharedWithPeers = true;
        var copy = new CatalogEntryCopy(self, state.State.Acts, shared, CatalogFederation.Portable(entry));
        foreach (var peer in federation.Peers)
        {
            state.State.PendingFederation.Add(FederationEffects.CatalogEntryChanged(self, peer, copy, clock.Now));
        }
    }

    /// <summary>
    /// Hands the messages written with the state to their links, then stores the state without them and drops the
    /// reminder. What a link did not take stays, and the reminder (or the next act or activation) hands it over again.
    /// </summary>
    private async Task FlushFederation()
    {
        if (state.State.PendingFederation.Count == 0)
        {
            return;
        }

        try
        {
            await FederationOutbox.Send(state.State.PendingFederation, state, GrainFactory, federation);
            await this.Disarm();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Handing {Count} messages of {Entry} to the federation links failed; they stay with the entry and are handed over again.",
                state.State.PendingFederation.Count, Code);
        }
    }

    /// <summary>
    /// Appends the versions written with the state to the history store. What the store does not take stays in the
    /// state and is appended again on the next act, history read or activation (appends are idempotent by version).
    /// </summary>
    private async Task FlushHistory()
    {
        if (state.State.PendingHistory.Count == 0)
        {
            return;
        }

        try
        {
            await history.Append(Code, state.State.PendingHistory.ToList());
            state.State.PendingHistory.Clear();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Appending {Count} versions of {Entry} to the history failed; they stay with the entry and are appended again.",
                state.State.PendingHistory.Count, Code);
        }
    }

    /// <summary>
    /// Tells the per-element registers which standard data elements this entry publishes now, so a second department
    /// publishing one for the same subject category opens a conflict (Art 16, 27). The act itself is already stored:
    /// a failure here is logged and healed on the entry's next activation, not reported as a failed publish.
    /// </summary>
    private async Task SyncElements(CatalogEntryView? before, CatalogEntryView after)
    {
        var now = PublishedElements(after);
        try
        {
            foreach (var gone in PublishedElements(before).Except(now))
            {
                await GrainFactory.GetGrain<IDataElementUseGrain>(gone).Withdrawn(Code);
            }

            foreach (var key in now)
            {
                await GrainFactory.GetGrain<IDataElementUseGrain>(key).Published(Code, after.Content.ProviderDepartment);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not register the data elements of {Entry}; retried on its next activation", Code);
        }
    }

    private static IReadOnlyList<string> PublishedElements(CatalogEntryView? entry) =>
        // A copy's elements are registered on its own platform, where a conflict between its departments is settled.
        entry is { Status: CatalogEntryStatus.Published, Origin: null }
            ? entry.Content.DataItems.Where(i => !string.IsNullOrWhiteSpace(i.StandardElementCode))
                .Select(i => IDataElementUseGrain.KeyOf(entry.Content.Classification, i.StandardElementCode!)).Distinct().ToList()
            : [];

    private const string CaseKind = CaseKinds.CatalogEntry;

    private static string Describe(CatalogEntryView entry) =>
        $"version {entry.Version} ({entry.Status}), content {Fingerprint.Of(entry.Content)[..16]}";

    /// <summary>
    /// Publishes the entry's row in the catalog list. The entry is stored already, so a failure is not the act's: it is
    /// logged and healed by the next activation, which publishes again; after an act the activation is let go, so that
    /// the next call to the entry is that activation.
    /// </summary>
    private async Task Index(CatalogEntryView entry, bool activating)
    {
        try
        {
            await catalog.Upsert(CatalogEntrySummary.Of(entry));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Publishing catalog entry {Entry} to the catalog list failed; it is published again on its next activation", Code);
            if (!activating)
            {
                DeactivateOnIdle();
            }
        }
    }

    [GenerateSerializer, Alias("CatalogEntryState")]
    public sealed class State
    {
        [Id(0)] public CatalogEntryView? Entry { get; set; }
        /// <summary>
        /// Versions written with the state and not yet known to be in the history store (an outbox, like
        /// <see cref="PendingAudit"/>). A state written before the history moved to the store holds every version
        /// here: they are handed over on activation.
        /// </summary>
        [Id(1)] public List<CatalogEntryVersion> PendingHistory { get; set; } = [];

        /// <summary>Acts done on the entry, numbering its audit entries.</summary>
        [Id(2)] public int Acts { get; set; }

        [Id(3)] public List<AuditEntry> PendingAudit { get; set; } = [];

        /// <summary>Messages to other platforms written with the act that caused them, until their link has taken them.</summary>
        [Id(4)] public List<FederationMessage> PendingFederation { get; set; } = [];

        /// <summary>The entry has been reported to the peers: every later act is too (Art 23).</summary>
        [Id(5)] public bool SharedWithPeers { get; set; }
    }
}
