using DataSharing.Catalog;
using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>The validity rules of a share request and of its answers (R8, R11: Art 21, 24, 25).</summary>
public static class ShareRequestRules
{
    /// <summary>A grant lasts at most this long; a longer need is a new request (Art 21: authorized period).</summary>
    public const int MaxPeriodDays = 5 * 366;

    public static void ValidateSubmission(ShareRequestSubmission submission, CatalogEntryContent entry, DateOnly today)
    {
        // Art 21: a department must state the application scenario of the data it requests.
        Require.Text(submission.Scenario, "scenario", "Art 21");
        Require.MaxLength(submission.DutyBasis, "dutyBasis");

        if (submission.RequesterDepartment == entry.ProviderDepartment)
        {
            throw new ValidationFailedException("entryCode", "A department does not request its own data.");
        }

        if (submission.DataItems.Count == 0)
        {
            throw new ValidationFailedException("dataItems", "Name the data items the scenario needs.", "Art 21");
        }

        var offered = entry.DataItems.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var requested = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < submission.DataItems.Count; i++)
        {
            var item = submission.DataItems[i];
            if (!offered.Contains(item))
            {
                throw new ValidationFailedException($"dataItems[{i}]", $"The entry has no data item '{item}'.");
            }

            if (!requested.Add(item))
            {
                throw new ValidationFailedException($"dataItems[{i}]", $"The data item '{item}' is listed twice.");
            }
        }

        ValidatePeriod(submission.PeriodFrom, submission.PeriodTo, "periodFrom", "periodTo");
        if (submission.PeriodTo < today)
        {
            throw new ValidationFailedException("periodTo", "The period of use has already ended.", "Art 21");
        }

        // Art 24: the provider lists every material a request needs; all of them must be attached.
        for (var i = 0; i < submission.Materials.Count; i++)
        {
            Require.Text(submission.Materials[i].Name, $"materials[{i}].name", "Art 24");
            Require.Text(submission.Materials[i].Reference, $"materials[{i}].reference", "Art 24");
        }

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
        return new ShareGrant(items.Distinct().ToList(), submission.Scenario, from, to, now);
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
        if (from == default)
        {
            throw new ValidationFailedException(fromField, $"{fromField} is required.", "Art 21");
        }

        if (to == default)
        {
            throw new ValidationFailedException(toField, $"{toField} is required.", "Art 21");
        }

        if (to < from)
        {
            throw new ValidationFailedException(toField, $"{toField} is before {fromField}.");
        }

        if (to.DayNumber - from.DayNumber > MaxPeriodDays)
        {
            throw new ValidationFailedException(toField, $"A period of use is at most {MaxPeriodDays} days.");
        }
    }
}
