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

    private static AccessDecision Deny(string reason, string? requestId, IReadOnlyList<string> items) =>
        new(false, reason, requestId, items.Distinct().ToList());
}
