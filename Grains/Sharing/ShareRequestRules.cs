using DataSharing.Catalog;
using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>The validity rules of a share request and of its answers (R8, R11: Art 21, 24, 25).</summary>
public static class ShareRequestRules
{
    /// <summary>A grant lasts at most this long; a longer need is a new request (Art 21: authorized period).</summary>
    public const int MaxPeriodDays = 5 * 366;

    /// <summary>At most this many materials accompany a request (Art 24: the entry lists what is required).</summary>
    public const int MaxMaterials = 20;

    public static void ValidateSubmission(ShareRequestSubmission submission, CatalogEntryContent entry, DateOnly today)
    {
        ValidateSubmission(submission, today);
        ValidateAgainstEntry(submission, entry);
    }

    /// <summary>
    /// What can be checked without the entry: run by the API before the request's id is claimed, and by the grain
    /// before it reads the entry, so a malformed request writes nothing. The API leaves out <paramref name="today"/>:
    /// the grain's clock decides whether the period has ended.
    /// </summary>
    public static void ValidateSubmission(ShareRequestSubmission submission, DateOnly? today = null)
    {
        Require.Id(submission.EntryCode, "entryCode", "Art 24");
        // Art 21: a department must state the application scenario of the data it requests.
        Require.Text(submission.Scenario, "scenario", "Art 21");
        Require.OptionalText(submission.DutyBasis, "dutyBasis");

        if (submission.DataItems is not { Count: > 0 })
        {
            throw new ValidationFailedException("dataItems", "Name the data items the scenario needs.", "Art 21");
        }

        Require.DistinctLines(submission.DataItems, "dataItems", CatalogEntryRules.MaxDataItems, "Art 21");
        ValidatePeriod(submission.PeriodFrom, submission.PeriodTo, "periodFrom", "periodTo");
        if (today is { } date && submission.PeriodTo < date)
        {
            throw new ValidationFailedException("periodTo", $"periodTo {submission.PeriodTo:yyyy-MM-dd} has passed: the period of use has already ended.", "Art 21");
        }

        Require.Items(submission.Materials, "materials", MaxMaterials, "Art 24");
        for (var i = 0; i < submission.Materials.Count; i++)
        {
            Require.Line(submission.Materials[i].Name, $"materials[{i}].name", "Art 24");
            Require.Line(submission.Materials[i].Reference, $"materials[{i}].reference", "Art 24");
        }
    }

    /// <summary>The request against the entry it names: another department's, items it offers, materials it lists.</summary>
    public static void ValidateAgainstEntry(ShareRequestSubmission submission, CatalogEntryContent entry)
    {
        if (submission.RequesterDepartment == entry.ProviderDepartment)
        {
            throw new ValidationFailedException("entryCode", "A department does not request its own data.");
        }

        // Distinct items the entry offers: so never more than the entry has.
        var offered = entry.DataItems.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < submission.DataItems.Count; i++)
        {
            if (!offered.Contains(submission.DataItems[i]))
            {
                throw new ValidationFailedException($"dataItems[{i}]", $"The entry has no data item '{submission.DataItems[i]}'.");
            }
        }

        // Art 24: the provider lists every material a request needs; all of them must be attached.
        var attached = submission.Materials.Select(m => m.Name.Trim()).ToHashSet(StringComparer.Ordinal);
        var missing = entry.RequiredMaterials.Where(m => !attached.Contains(m.Trim())).ToList();
        if (missing.Count > 0)
        {
            throw new ValidationFailedException("materials", $"Required materials are missing: {string.Join(", ", missing)}.", "Art 24");
        }
    }

    /// <summary>An approval may narrow what was asked for, never widen it.</summary>
    public static ShareGrant GrantFor(ShareRequestSubmission submission, ApproveShareRequest approval, DateTimeOffset now)
    {
        var items = approval.DataItems ?? submission.DataItems;
        if (items.Count == 0)
        {
            throw new ValidationFailedException("dataItems", "An approval grants at least one data item; refuse the request instead.");
        }

        Require.DistinctLines(items, "dataItems", CatalogEntryRules.MaxDataItems);
        Require.OptionalDate(approval.ValidFrom, "validFrom");
        Require.OptionalDate(approval.ValidTo, "validTo");
        Require.OptionalText(approval.Note, "note");

        for (var i = 0; i < items.Count; i++)
        {
            if (!submission.DataItems.Contains(items[i]))
            {
                throw new ValidationFailedException($"dataItems[{i}]", $"'{items[i]}' was not requested; an approval can only narrow the data items.");
            }
        }

        var from = approval.ValidFrom ?? submission.PeriodFrom;
        var to = approval.ValidTo ?? submission.PeriodTo;
        if (from < submission.PeriodFrom)
        {
            throw new ValidationFailedException("validFrom", "An approval can only narrow the period of use.");
        }

        if (to > submission.PeriodTo)
        {
            throw new ValidationFailedException("validTo", "An approval can only narrow the period of use.");
        }

        ValidatePeriod(from, to, "validFrom", "validTo");
        return new ShareGrant(items.ToList(), submission.Scenario, from, to, now);
    }

    /// <summary>Art 21, 25: a refusal states its reason and its basis in law, regulation or central policy.</summary>
    public static void ValidateRefusal(RefuseShareRequest refusal)
    {
        Require.Text(refusal.Reason, "reason", "Art 25");
        Require.Text(refusal.LegalBasis, "legalBasis", "Art 21");

        // Art 26 (R15): that the data is under review is no ground to refuse or delay.
        if (UnderReviewGround.Any(g => refusal.Reason.Contains(g, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ValidationFailedException("reason", "That the data is under review is no ground for refusal (Art 26); answer on the merits.", "Art 26");
        }
    }

    private static readonly string[] UnderReviewGround = ["under review", "being reviewed", "pending review", "覆核"];

    private static void ValidatePeriod(DateOnly from, DateOnly to, string fromField, string toField)
    {
        Require.Period(from, to, fromField, toField, "Art 21");
        if (to.DayNumber - from.DayNumber > MaxPeriodDays)
        {
            throw new ValidationFailedException(toField, $"A period of use is at most {MaxPeriodDays} days; this one is {to.DayNumber - from.DayNumber}.", "Art 21");
        }
    }
}
