using DataSharing.Common;

namespace DataSharing.Incidents;

/// <summary>What an incident report must say (Art 41: keep records), checked before anything is written.</summary>
public static class IncidentRules
{
    /// <summary>
    /// The checks that need no state: the API runs them before the incident's id is claimed (without <paramref name="now"/>:
    /// the domain clock is the silo's), the grain again with its clock.
    /// </summary>
    public static void ValidateReport(ReportIncident report, DateTimeOffset? now)
    {
        Require.Id(report.EntryCode, "entryCode", "Art 41");
        Require.Text(report.Description, "description", "Art 41");
        var occurred = Require.Instant(report.OccurredAt, "occurredAt", "Art 41");
        if (occurred > now)
        {
            throw new ValidationFailedException("occurredAt", $"occurredAt {occurred:O} is in the future: an incident is recorded once it happened.", "Art 41");
        }

        Require.Text(report.AffectedRecords, "affectedRecords", "Art 41");
        if (report.LeakFrom is null != report.LeakTo is null)
        {
            var missing = report.LeakFrom is null ? "leakFrom" : "leakTo";
            throw new ValidationFailedException(missing, $"{missing} is required with the other end of the leak period.", "Art 41");
        }

        if (report is { LeakFrom: { } from, LeakTo: { } to })
        {
            Require.Instant(from, "leakFrom", "Art 41");
            Require.Instant(to, "leakTo", "Art 41");
            if (to <= from)
            {
                throw new ValidationFailedException("leakTo", $"leakTo {to:O} is not after leakFrom {from:O}.", "Art 41");
            }
        }
    }

    /// <summary>The data authority, or staff of the entry's responsible department (Art 38, 41), records and closes.</summary>
    public static void EnsureHandler(Actor by, string provider)
    {
        if (by.Role != Role.DataAuthority && !by.ActsFor(provider))
        {
            throw new NotEntitledException($"Incidents on {provider}'s entries are recorded by {provider} or the data authority (Art 41).");
        }
    }
}
