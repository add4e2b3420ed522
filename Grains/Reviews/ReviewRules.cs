using DataSharing.Catalog;
using DataSharing.Common;

namespace DataSharing.Reviews;

/// <summary>The rules of Art 26 on filing and extending a review.</summary>
public static class ReviewRules
{
    /// <summary>What can be checked without the entry: by the API before the review's id is claimed, and by the grain.</summary>
    public static void ValidateApplication(FileReview application)
    {
        Require.Id(application.EntryCode, "entryCode", "Art 26");
        Require.Text(application.Description, "description", "Art 26");
        Require.OptionalText(application.Evidence, "evidence");
        if (!Enum.IsDefined(application.Route))
        {
            throw new ValidationFailedException("route", "route is Provider or Platform.", "Art 26");
        }

        Require.DistinctLines(application.DataItems, "dataItems", CatalogEntryRules.MaxDataItems, "Art 26");
    }

    public static void ValidateApplication(FileReview application, CatalogEntryContent entry)
    {
        ValidateApplication(application);
        var items = entry.DataItems.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < application.DataItems.Count; i++)
        {
            if (!items.Contains(application.DataItems[i]))
            {
                throw new ValidationFailedException($"dataItems[{i}]", $"The entry has no data item '{application.DataItems[i]}'.");
            }
        }
    }

    /// <summary>An answer explains itself; a correction names the entry version that holds it, if any.</summary>
    public static void ValidateAnswer(string explanation, int? correctedEntryVersion)
    {
        Require.Text(explanation, "explanation", "Art 26");
        if (correctedEntryVersion is { } version)
        {
            Require.Range(version, "correctedEntryVersion", 1, int.MaxValue, "Art 26");
        }
    }

    /// <summary>
    /// One extension of at most <paramref name="maxWorkingDays"/>, approved by the provider's head (provider route)
    /// or the platform admin (platform route) (Art 26, R14).
    /// </summary>
    public static void ValidateExtension(ReviewView review, int workingDays, string reason, Actor by, int maxWorkingDays)
    {
        var approver = review.Application.Route == ReviewRoute.Provider
            ? by.Role == Role.DepartmentHead && by.Department == review.ProviderDepartment
            : by.Role == Role.PlatformAdmin;
        if (!approver)
        {
            throw new NotEntitledException(review.Application.Route == ReviewRoute.Provider
                ? $"Only the head of {review.ProviderDepartment} approves an extension of a review filed with it (Art 26)."
                : "Only the platform management organization approves an extension of a review filed through the platform (Art 26).");
        }

        if (review.Extension is not null)
        {
            throw new IllegalTransitionException(review.Id, review.Status.ToString(), "extend",
                $"Review {review.Id} was already extended once, to {review.Deadline!.DueDate:yyyy-MM-dd}; Art 26 allows one extension.");
        }

        if (workingDays < 1 || workingDays > maxWorkingDays)
        {
            throw new ValidationFailedException("workingDays", $"An extension is 1 to {maxWorkingDays} working days (Art 26).", "Art 26");
        }

        Require.Text(reason, "reason", "Art 26");
    }
}
