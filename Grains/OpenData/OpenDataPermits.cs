using DataSharing.Catalog;
using DataSharing.Common;
using Microsoft.Extensions.Options;

namespace DataSharing.OpenData;

/// <summary>
/// The one place that decides whether a caller may download an entry's data now, and how it is desensitized (Art 34-37).
/// Every open path asks it, so a new basis for opening (an emergency opening under Art 35, say) is one more case here
/// and is desensitized like the others: nothing leaves as open data without a rule set.
/// </summary>
public sealed class OpenDataPermits(IOptions<OpenDataOptions> options, IGrainFactory grains)
{
    /// <summary>The permit, or a <see cref="NotEntitledException"/> (403) saying why not.</summary>
    /// <param name="applicationId">The caller's approved application, for conditionally open data.</param>
    public async Task<OpenDataPermit> Decide(CatalogEntryView entry, Actor by, string? applicationId, DateTimeOffset now)
    {
        if (entry.Status != CatalogEntryStatus.Published)
        {
            throw new NotEntitledException($"Catalog entry {entry.Code} is not published.");
        }

        if (entry.IsSuspended)
        {
            throw new NotEntitledException($"Every use of {entry.Code} is suspended while security incident {string.Join(", ", entry.SuspendedBy!)} is handled (Art 41).");
        }

        // Art 35: an entry opened for an emergency is open data to everyone until the opening expires, desensitized like
        // any other open data (the clock decides, not the reminder that ends the opening a moment later).
        if (entry.Content.OpenType != OpenType.UnconditionalOpen && entry.EmergencyOpenings?.FirstOrDefault(o => o.ExpiresAt > now) is { } emergency)
        {
            return Permit(entry, entry.Content.DataItems.Select(i => i.Name).ToList(), $"emergency opening {emergency.OpeningId} (Art 35)");
        }

        return entry.Content.OpenType switch
        {
            OpenType.UnconditionalOpen => Permit(entry, entry.Content.DataItems.Select(i => i.Name).ToList(), "UnconditionalOpen"),
            OpenType.ConditionalOpen => await Applied(entry, by, applicationId, now),
            _ => throw new NotEntitledException($"{entry.Code} is not open data (Art 36: NonOpen); it is shared only between departments."),
        };
    }

    /// <summary>Conditionally open data: the applicant of an approved application for this entry, its items, within its period.</summary>
    private async Task<OpenDataPermit> Applied(CatalogEntryView entry, Actor by, string? applicationId, DateTimeOffset now)
    {
        if (applicationId is null)
        {
            throw new NotEntitledException(
                $"{entry.Code} is conditionally open (Art 36): apply for it (POST /api/open/applications) and download it with application={{id}} once approved.");
        }

        var application = await grains.GetGrain<IOpenApplicationGrain>(applicationId).Get();
        var today = ShanghaiTime.DateOf(now);
        var refusal = application switch
        {
            null => $"No application {applicationId} exists.",
            _ when application.Application.EntryCode != entry.Code => $"Application {applicationId} is for {application.Application.EntryCode}, not {entry.Code}.",
            _ when application.Applicant.Subject != by.Subject || by.Role != Role.Public => $"Application {applicationId} is another applicant's.",
            { Status: not OpenApplicationStatus.Approved } => $"Application {applicationId} is {application.Status}, not approved.",
            _ when today < application.Application.PeriodFrom || today > application.Application.PeriodTo =>
                $"Application {applicationId} is approved for {application.Application.PeriodFrom:yyyy-MM-dd} to {application.Application.PeriodTo:yyyy-MM-dd}.",
            _ => null,
        };
        if (refusal is not null)
        {
            throw new NotEntitledException(refusal);
        }

        return Permit(entry, application!.Answer!.DataItems, $"application {applicationId}");
    }

    /// <summary>The entry's rule set over the permitted items. Always one: an entry without rules gets the element defaults.</summary>
    private OpenDataPermit Permit(CatalogEntryView entry, IReadOnlyList<string> items, string basis) =>
        new(items, DesensitizationRuleSet.Create(entry.Content.DataItems, entry.Content.Desensitization, options.Value), basis);
}
