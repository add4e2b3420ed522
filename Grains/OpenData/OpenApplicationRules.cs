using DataSharing.Catalog;
using DataSharing.Common;

namespace DataSharing.OpenData;

/// <summary>What an application for conditionally open data and its answer must state (Art 36).</summary>
public static class OpenApplicationRules
{
    public const string Article = "Art 36";

    /// <summary>The case-list "department" under which an applicant finds its own applications: a member of the public has none.</summary>
    public static string ApplicantList(string subject) => $"applicant:{subject}";

    /// <summary>The application alone: purpose, items, period.</summary>
    public static void Validate(OpenApplication application)
    {
        Require.Id(application.EntryCode, "entryCode", Article);
        Require.Text(application.Purpose, "purpose", Article);
        if (application.DataItems is not { Count: > 0 })
        {
            throw new ValidationFailedException("dataItems", "Name the data items applied for.", Article);
        }

        Require.DistinctLines(application.DataItems, "dataItems", CatalogEntryRules.MaxDataItems, Article);
        Require.Date(application.PeriodFrom, "periodFrom", Article);
        Require.Date(application.PeriodTo, "periodTo", Article);
        Require.Period(application.PeriodFrom, application.PeriodTo, "periodFrom", "periodTo", Article);
    }

    /// <summary>Against the entry: published, conditionally open, and having every item asked for.</summary>
    public static void Validate(OpenApplication application, CatalogEntryView? entry)
    {
        if (entry is not { Status: CatalogEntryStatus.Published, Content.OpenType: OpenType.ConditionalOpen })
        {
            throw new ValidationFailedException("entryCode",
                $"No published conditionally open entry has the code '{application.EntryCode}' (unconditionally open data needs no application; NonOpen data is not opened).", Article);
        }

        Items(application.DataItems, entry.Content.DataItems.Select(i => i.Name).ToHashSet(StringComparer.Ordinal), "dataItems", "the entry");
    }

    /// <summary>An approval: conditions stated; the items, if narrowed, among those applied for.</summary>
    public static void ValidateApproval(string conditions, IReadOnlyList<string>? dataItems, OpenApplication application)
    {
        Require.Text(conditions, "conditions", Article);
        if (dataItems is null)
        {
            return;
        }

        if (dataItems.Count == 0)
        {
            throw new ValidationFailedException("dataItems", "Approve at least one data item, or refuse the application.", Article);
        }

        Require.DistinctLines(dataItems, "dataItems", CatalogEntryRules.MaxDataItems, Article);
        Items(dataItems, application.DataItems.ToHashSet(StringComparer.Ordinal), "dataItems", "the application");
    }

    public static void ValidateRefusal(string reason, string legalBasis)
    {
        Require.Text(reason, "reason", Article);
        Require.Text(legalBasis, "legalBasis", Article);
    }

    private static void Items(IReadOnlyList<string> items, IReadOnlySet<string> allowed, string field, string what)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (!allowed.Contains(items[i]))
            {
                throw new ValidationFailedException($"{field}[{i}]", $"{Require.Shown(items[i])} is not a data item of {what}.", Article);
            }
        }
    }
}
