using DataSharing.Audit;
using DataSharing.Catalog;
using DataSharing.Common;
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
public sealed class AccessGateGrain(CatalogEntryCache catalog, GrantCache grants, IAccessCheckLog log, PlatformClock clock) : Grain, IAccessGateGrain
{
    public async Task<AccessCheckRecord> Check(AccessCheckRequest request, Actor by)
    {
        AccessRules.ValidateCheck(request);
        if (await catalog.Get(request.EntryCode) is not { } entry)
        {
            throw new ValidationFailedException("entryCode", $"No catalog entry has the code '{request.EntryCode}'.");
        }

        if (entry.IsSuspended)
        {
            // As with grants, the cache is trusted to allow, not to deny: a suspension lifted a moment ago elsewhere counts at once.
            entry = await catalog.Get(request.EntryCode, fresh: true) ?? entry;
        }

        AccessRules.ValidateCheck(request, entry.Content);

        var now = clock.Now;
        var today = ShanghaiTime.DateOf(now);
        var decision = entry.IsSuspended
            // Art 41: while an incident is handled no grant of the entry is honoured. The entry comes from this silo's
            // cache, so another silo's gate sees a new suspension within CacheOptions.CatalogMaxAge.
            ? new AccessDecision(false, $"Every use of {request.EntryCode} is suspended while security incident {string.Join(", ", entry.SuspendedBy!)} is handled (Art 41).",
                null, request.DataItems.Distinct().ToList())
            : Decide(await grants.Grants(request.Department, request.EntryCode, request.Scenario), request, today);
        if (!decision.Allowed && !entry.IsSuspended)
        {
            // The cache is trusted to allow, never to deny: a grant made a moment ago in another silo may be missing.
            decision = Decide(await grants.Grants(request.Department, request.EntryCode, request.Scenario, fresh: true), request, today);
        }

        // Time-ordered (UUID v7): a million checks append at the end of the indexes on their id instead of touching random pages.
        var record = new AccessCheckRecord($"AC-{Guid.CreateVersion7(now):N}", request, decision, now, by);

        // The check is answered only once it is recorded with its audit entry (Art 38: the user answers for its use of shared data).
        await log.Record(record, new AuditEntry(record.Id, now, by, [request.Department, entry.Content.ProviderDepartment], "AccessCheck",
            record.Id, "access-check", $"{request.EntryCode}: {string.Join(",", request.DataItems)} for \"{request.Scenario}\"",
            $"{(decision.Allowed ? "allowed" : "denied")}: {decision.Reason}"));
        return record;
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
