namespace DataSharing.Cases;

/// <summary>
/// The open cases of one kind and status that <see cref="Department"/> must act on (a share request's provider, a
/// listed case's first department): how many, and how many are past their deadline or due by the end of today or of
/// this week (see <see cref="DueBounds"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("OpenCaseCount")]
public sealed record OpenCaseCount(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Status,
    [property: Id(2)] string Department,
    [property: Id(3)] int Open,
    [property: Id(4)] int Overdue,
    [property: Id(5)] int DueToday,
    [property: Id(6)] int DueThisWeek);
