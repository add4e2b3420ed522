using DataSharing.Audit;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Data;
using Orleans.Concurrency;

namespace DataSharing.Sharing;

/// <summary>
/// Decides and records access checks. A stateless worker in every silo: the entry and the requester's grants come from
/// the silo's caches (<see cref="CatalogEntryCache"/>, <see cref="GrantCache"/>), so a check allowed by a known grant
/// reads nothing from the database; only its record is written. Reentrant: it holds no state, and while one check
/// waits for its record to commit the activation serves others (a stateless worker otherwise takes one request at a
/// time, and a silo has only as many as it has cores).
/// </summary>
[StatelessWorker, Reentrant]
public sealed class AccessGateGrain(CatalogEntryCache catalog, GrantCache grants, IAccessCheckLog log, IDataRecordStore records, PlatformClock clock)
    : Grain, IAccessGateGrain
{
    public async Task<AccessCheckRecord> Check(AccessCheckRequest request, Actor by)
    {
        var (entry, record) = await Decide(request, by);
        await Record(record, entry);
        return record;
    }

    public async Task<DataReadResult> Read(DataReadRequest request, Actor by)
    {
        // A read serves the data itself: it is decided on the grants as stored now, not as cached, so a grant revoked or
        // expired a moment ago stops the very next page.
        var (entry, check) = await Decide(request.Check, by, fresh: true);
        if (!check.Decision.Allowed && request.Check.Department == entry.Content.ProviderDepartment && by.ActsFor(entry.Content.ProviderDepartment))
        {
            // The provider reads its own data without a grant (still recorded: Art 38 covers every use).
            check = check with { Decision = new AccessDecision(true, $"{entry.Content.ProviderDepartment} provides {entry.Code}: its own data.", null, []) };
        }

        if (!check.Decision.Allowed)
        {
            await Record(check, entry);
            throw new NotEntitledException(check.Decision.Reason);
        }

        var items = entry.Content.DataItems.Select(i => i.Name).ToList();
        var columns = request.Check.DataItems.Distinct().ToList();
        var page = await records.Read(entry.Code, columns.Select(c => items.IndexOf(c)).ToList(), request.Page);
        check = check with { RowsRead = page.Items.Count };
        await Record(check, entry);
        return new DataReadResult(check, columns, page, entry.IsUnderReview);
    }

    private async Task<(CatalogEntryView Entry, AccessCheckRecord Record)> Decide(AccessCheckRequest request, Actor by, bool fresh = false)
    {
        AccessRules.ValidateCheck(request);
        if (await catalog.Get(request.EntryCode, fresh) is not { } entry)
        {
            throw new ValidationFailedException("entryCode", $"No catalog entry has the code '{request.EntryCode}'.");
        }

        if (entry.IsSuspended && !fresh)
        {
            // As with grants, the cache is trusted to allow, not to deny: a suspension lifted a moment ago elsewhere counts at once.
            entry = await catalog.Get(request.EntryCode, fresh: true) ?? entry;
        }

        CatalogFederation.Owned(entry, "entryCode", "Art 23");
        AccessRules.ValidateCheck(request, entry.Content);

        var now = clock.Now;
        var today = ShanghaiTime.DateOf(now);
        var decision = entry.IsSuspended
            // Art 41: while an incident is handled no grant of the entry is honoured. The entry comes from this silo's
            // cache, so another silo's gate sees a new suspension within CacheOptions.CatalogMaxAge.
            ? new AccessDecision(false, $"Every use of {request.EntryCode} is suspended while security incident {string.Join(", ", entry.SuspendedBy!)} is handled (Art 41).",
                null, request.DataItems.Distinct().ToList())
            : Decide(await grants.Grants(request.Department, request.EntryCode, request.Scenario, fresh), request, today);
        if (!decision.Allowed && !fresh && !entry.IsSuspended)
        {
            // The cache is trusted to allow, never to deny: a grant made a moment ago in another silo may be missing.
            decision = Decide(await grants.Grants(request.Department, request.EntryCode, request.Scenario, fresh: true), request, today);
        }

        // Time-ordered (UUID v7): a million checks append at the end of the indexes on their id instead of touching random pages.
        return (entry, new AccessCheckRecord($"AC-{Guid.CreateVersion7(now):N}", request, decision, now, by));
    }

    /// <summary>A check is answered, and a read served, only once it is recorded with its audit entry (Art 38: the user answers for its use of shared data).</summary>
    private Task Record(AccessCheckRecord record, CatalogEntryView entry)
    {
        var request = record.Request;
        var decision = record.Decision;
        return log.Record(record, new AuditEntry(record.Id, record.CheckedAt, record.CheckedBy, [request.Department, entry.Content.ProviderDepartment],
            "AccessCheck", record.Id, record.RowsRead is null ? "access-check" : "data-read",
            $"{request.EntryCode}: {string.Join(",", request.DataItems)} for \"{request.Scenario}\"",
            $"{(decision.Allowed ? "allowed" : "denied")}: {decision.Reason}{(record.RowsRead is { } rows ? $"; {rows} records served" : "")}"));
    }

    public Task<Page<AccessCheckRecord>> List(string department, DateOnly day, PageRequest page) => log.List(department, day, page);

    /// <summary>Allowed by any grant; otherwise the refusal that leaves the fewest items uncovered explains best.</summary>
    private static AccessDecision Decide(IReadOnlyList<ShareRequestSummary> granted, AccessCheckRequest request, DateOnly today)
    {
        var decisions = granted.Select(row => AccessRules.Evaluate(row, request, today)).ToList();
        return decisions.FirstOrDefault(d => d.Allowed)
            ?? decisions.OrderBy(d => d.DeniedItems.Count).FirstOrDefault()
            ?? new AccessDecision(false,
                $"{request.Department} holds no granted share request for {request.EntryCode} for this scenario; submit one (unconditional data is granted at once).",
                null, request.DataItems.Distinct().ToList());
    }
}
