namespace DataSharing.Api.Console;

/// <summary>
/// What the oversight overview shows: open cases, what falls due, who is late, and how answers went week by week. The
/// lists hold the soonest due <see cref="OverviewReader.Shown"/> cases; <see cref="Totals"/> counts them all.
/// </summary>
public sealed record OverviewModel(
    IReadOnlyList<OpenCount> OpenByKindAndState,
    OverviewTotals Totals,
    IReadOnlyList<OpenCase> DueToday,
    IReadOnlyList<OpenCase> DueThisWeek,
    IReadOnlyList<OpenCase> Overdue,
    IReadOnlyList<(string Department, int Count)> OverdueByDepartment,
    IReadOnlyList<WeekPoint> Weeks);

public sealed record OpenCount(string Kind, string Status, int Count);

/// <summary>Every open case counted, where the lists beside them show the first <see cref="OverviewReader.Shown"/>.</summary>
public sealed record OverviewTotals(int Open, int DueToday, int DueThisWeek, int Overdue);

/// <summary>An open case of any kind; <see cref="Department"/> is the one that must act (a share request's provider).</summary>
public sealed record OpenCase(string Kind, string Id, string Title, string Status, string Department, DateTimeOffset? DueAt);

/// <summary>
/// One week of share-request answers: how many were given, how many of those before the request turned overdue, and how
/// many requests turned overdue that week.
/// </summary>
public sealed record WeekPoint(DateOnly WeekStart, int Answered, int OnTime, int TurnedOverdue)
{
    public double? OnTimeRate => Answered == 0 ? null : (double)OnTime / Answered;
}
