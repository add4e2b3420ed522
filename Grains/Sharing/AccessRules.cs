using DataSharing.Catalog;
using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>R12, Art 21: shared data is used only within the authorized manner, scope and period.</summary>
public static class AccessRules
{
    public static AccessDecision Evaluate(ShareRequestView? request, AccessCheckRequest use, DateOnly today)
    {
        if (request is null)
        {
            return Deny("No such share request.", null, use.DataItems);
        }

        if (request.Status != ShareRequestStatus.Granted || request.Grant is not { } grant)
        {
            return Deny($"Share request {request.Id} is {request.Status}.", request.Id, use.DataItems);
        }

        if (request.Submission.RequesterDepartment != use.Department || request.Submission.EntryCode != use.EntryCode)
        {
            return Deny($"Share request {request.Id} grants another department or entry.", request.Id, use.DataItems);
        }

        if (today < grant.ValidFrom || today > grant.ValidTo)
        {
            return Deny($"The grant of {request.Id} is valid from {grant.ValidFrom:yyyy-MM-dd} to {grant.ValidTo:yyyy-MM-dd}.", request.Id, use.DataItems);
        }

        if (!string.Equals(grant.Scenario.Trim(), use.Scenario.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return Deny($"The grant of {request.Id} is for the scenario \"{grant.Scenario}\".", request.Id, use.DataItems);
        }

        var denied = use.DataItems.Where(item => !grant.DataItems.Contains(item, StringComparer.Ordinal)).Distinct().ToList();
        return denied.Count > 0
            ? Deny($"The grant of {request.Id} does not cover {string.Join(", ", denied)}.", request.Id, denied)
            : new AccessDecision(true, $"Granted by {request.Id} until {grant.ValidTo:yyyy-MM-dd}.", request.Id, []);
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
