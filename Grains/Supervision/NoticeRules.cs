using DataSharing.Common;

namespace DataSharing.Supervision;

/// <summary>What a rectification notice (Art 43) must say before it is issued, checked before anything is written.</summary>
public static class NoticeRules
{
    /// <summary>
    /// The checks that need no state: the API runs them before the notice's id is claimed, the grain again before
    /// it looks the department up (a blank code is not a grain key).
    /// </summary>
    public static void ValidateIssue(IssueNotice notice)
    {
        Require.Id(notice.Department, "department", "Art 43");
        if (!Enum.IsDefined(notice.Category))
        {
            throw new ValidationFailedException("category", "category is one of the eight of Art 43.", "Art 43");
        }

        Require.Text(notice.Findings, "findings", "Art 43");
        Require.Date(notice.RectifyBy, "rectifyBy", "Art 43");
        Require.OptionalId(notice.RelatedCaseId, "relatedCaseId");
    }

    /// <summary>A deadline the authority or the government sets lies today or later, within the dates the platform accepts.</summary>
    public static void ValidateDeadline(DateOnly rectifyBy, DateOnly today, string what)
    {
        Require.Date(rectifyBy, "rectifyBy", "Art 43");
        if (rectifyBy < today)
        {
            throw new ValidationFailedException("rectifyBy", $"rectifyBy {rectifyBy:yyyy-MM-dd} has passed: {what} is today or later.", "Art 43");
        }
    }
}
