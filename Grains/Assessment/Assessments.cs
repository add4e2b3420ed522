using DataSharing.Cases;
using DataSharing.Common;

namespace DataSharing.Assessment;

public static class Assessments
{
    /// <summary>Reports a case to its department's assessment for the year it was received.</summary>
    public static Task Report(IGrainFactory grains, AssessedCase? assessed) => assessed is null
        ? Task.CompletedTask
        : grains.GetGrain<IAssessmentGrain>(0).Record(assessed);

    /// <summary>Answered (on time or late), overdue, or still running, for a case with one answer deadline.</summary>
    public static Timeliness Of(DateTimeOffset? answeredAt, bool answeredLate, bool overdue) =>
        answeredAt is not null ? (answeredLate ? Timeliness.Late : Timeliness.OnTime)
        : overdue ? Timeliness.Overdue
        : Timeliness.Pending;

    public static DateOnly? DateOf(DateTimeOffset? at) => at is { } instant ? ShanghaiTime.DateOf(instant) : null;

    /// <summary>
    /// A department's assessment from the counts of its cases by kind and timeliness (excluded cases not counted) and
    /// the median working days its answers to share requests took.
    /// </summary>
    public static DepartmentAssessment Of(string department, int year, IReadOnlyDictionary<(string Kind, Timeliness Timeliness), int> counts, double? medianAnswerWorkingDays)
    {
        TimelinessCounts Of(string kind) => new(
            counts.GetValueOrDefault((kind, Timeliness.OnTime)), counts.GetValueOrDefault((kind, Timeliness.Late)),
            counts.GetValueOrDefault((kind, Timeliness.Overdue)), counts.GetValueOrDefault((kind, Timeliness.Pending)));

        var notices = Of(CaseKinds.RectificationNotice);
        return new DepartmentAssessment(
            department, year, Of(CaseKinds.ShareRequest), medianAnswerWorkingDays, Of(CaseKinds.Review), Of(CaseKinds.CatalogChange),
            notices.Pending + notices.Overdue, notices.OnTime + notices.Late, Of(CaseKinds.OpenDataApplication));
    }

    /// <summary>Whether a fact's answer time counts toward the median: an answered share request.</summary>
    public static bool CountsAnswerTime(AssessedCase fact) =>
        fact is { Kind: CaseKinds.ShareRequest, AnswerWorkingDays: not null, Timeliness: not Timeliness.Excluded };
}
