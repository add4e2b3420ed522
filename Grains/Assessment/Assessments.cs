using DataSharing.Common;

namespace DataSharing.Assessment;

public static class Assessments
{
    /// <summary>Reports a case to its department's assessment for the year it was received.</summary>
    public static Task Report(IGrainFactory grains, AssessedCase? assessed) => assessed is null
        ? Task.CompletedTask
        : grains.GetGrain<IAssessmentGrain>(IAssessmentGrain.KeyOf(assessed.Department, assessed.ReceivedOn.Year)).Record(assessed);

    /// <summary>Answered (on time or late), overdue, or still running, for a case with one answer deadline.</summary>
    public static Timeliness Of(DateTimeOffset? answeredAt, bool answeredLate, bool overdue) =>
        answeredAt is not null ? (answeredLate ? Timeliness.Late : Timeliness.OnTime)
        : overdue ? Timeliness.Overdue
        : Timeliness.Pending;

    public static DateOnly? DateOf(DateTimeOffset? at) => at is { } instant ? ShanghaiTime.DateOf(instant) : null;
}
