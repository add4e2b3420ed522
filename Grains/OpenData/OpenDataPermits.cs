using DataSharing.Catalog;
using DataSharing.Common;
using Microsoft.Extensions.Options;

namespace DataSharing.OpenData;

/// <summary>
/// The one place that decides whether a caller may download an entry's data now, and how it is desensitized (Art 34-37).
/// Every open path asks it, so a new basis for opening (an emergency opening under Art 35, say) is one more case here
/// and is desensitized like the others: nothing leaves as open data without a rule set.
/// </summary>
public sealed class OpenDataPermits(IOptions<OpenDataOptions> options)
{
    /// <summary>The permit, or a <see cref="NotEntitledException"/> (403) saying why not.</summary>
    /// <param name="applicationId">The caller's approved application, for conditionally open data.</param>
    public Task<OpenDataPermit> Decide(CatalogEntryView entry, Actor by, string? applicationId, DateTimeOffset now)
    {
        if (entry.Status != CatalogEntryStatus.Published)
        {
            throw new NotEntitledException($"Catalog entry {entry.Code} is not published.");
        }

        return entry.Content.OpenType switch
        {
            OpenType.UnconditionalOpen => Task.FromResult(Permit(entry, entry.Content.DataItems.Select(i => i.Name).ToList(), "UnconditionalOpen")),
            OpenType.ConditionalOpen => throw new NotEntitledException(applicationId is null
                ? $"{entry.Code} is conditionally open (Art 36): apply for it (POST /api/open/applications) and download it with the approved application."
                : $"Application {applicationId} does not entitle you to download {entry.Code} now."),
            _ => throw new NotEntitledException($"{entry.Code} is not open data (Art 36: NonOpen); it is shared only between departments."),
        };
    }

    /// <summary>The entry's rule set over the permitted items. Always one: an entry without rules gets the element defaults.</summary>
    private OpenDataPermit Permit(CatalogEntryView entry, IReadOnlyList<string> items, string basis) =>
        new(items, DesensitizationRuleSet.Create(entry.Content.DataItems, entry.Content.Desensitization, options.Value), basis);
}
