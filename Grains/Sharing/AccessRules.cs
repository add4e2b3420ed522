using DataSharing.Catalog;
using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>R12, Art 21: shared data is used only within the authorized manner, scope and period.</summary>
public static class AccessRules
{
    public static AccessDecision Evaluate(ShareRequestView? request, AccessCheckRequest use, DateOnly today) =>
        request is null
            ? Deny("No such share request.", null, use.DataItems)
            : Evaluate(request.Id, request.Status, request.Submission.RequesterDepartment, request.Submission.EntryCode, request.Grant, use, today);

    /// <summary>The same rule applied to a read-model row, which carries the grant (the grant caches hold these).</summary>
    public static AccessDecision Evaluate(ShareRequestSummary row, AccessCheckRequest use, DateOnly today) =>
        Evaluate(row.Id, row.Status, row.RequesterDepartment, row.EntryCode, row.Grant, use, today);

    /// <summary>
    /// How a scenario is compared: a grant is for the scenario stated in the request, whatever the case and the
    /// surrounding spaces of its later mentions.
    /// </summary>
    public static string ScenarioKey(string scenario) => scenario.Trim().ToUpperInvariant();

    private static AccessDecision Evaluate(string id, ShareRequestStatus status, string requester, string entryCode, ShareGrant? grant,
        AccessCheckRequest use, DateOnly today)
    {
        if (status != ShareRequestStatus.Granted || grant is null)
        {
            return Deny($"Share request {id} is {status}.", id, use.DataItems);
        }

        if (requester != use.Department || entryCode != use.EntryCode)
        {
            return Deny($"Share request {id} grants another department or entry.", id, use.DataItems);
        }

        if (today < grant.ValidFrom || today > grant.ValidTo)
        {
            return Deny($"The grant of {id} is valid from {grant.ValidFrom:yyyy-MM-dd} to {grant.ValidTo:yyyy-MM-dd}.", id, use.DataItems);
        }

        if (ScenarioKey(grant.Scenario) != ScenarioKey(use.Scenario))
        {
            return Deny($"The grant of {id} is for the scenario \"{grant.Scenario}\".", id, use.DataItems);
        }

        var denied = use.DataItems.Where(item => !grant.DataItems.Contains(item, StringComparer.Ordinal)).Distinct().ToList();
        return denied.Count > 0
            ? Deny($"The grant of {id} does not cover {string.Join(", ", denied)}.", id, denied)
            : new AccessDecision(true, $"Granted by {id} until {grant.ValidTo:yyyy-MM-dd}.", id, []);
    }

    /// <summary>A check names one entry, a scenario and distinct data items, at most as many as the entry has.</summary>
    public static void ValidateCheck(AccessCheckRequest use, CatalogEntryContent? entry = null)
    {
        Require.Id(use.EntryCode, "entryCode");
        Require.Text(use.Scenario, "scenario", "Art 21");
        if (use.DataItems is not { Count: > 0 })
        {
            throw new ValidationFailedException("dataItems", "Name the data items to be used.", "Art 21");
        }

        Require.DistinctLines(use.DataItems, "dataItems", CatalogEntryRules.MaxDataItems, "Art 21");
        if (entry is not null && use.DataItems.Count > entry.DataItems.Count)
        {
            throw new ValidationFailedException("dataItems",
                $"dataItems has {use.DataItems.Count} entries; {use.EntryCode} has only {entry.DataItems.Count} data items.", "Art 21");
        }
    }

    private static AccessDecision Deny(string reason, string? requestId, IReadOnlyList<string> items) =>
        new(false, reason, requestId, items.Distinct().ToList());
}
