using DataSharing.Common;

namespace DataSharing.Calendar;

/// <summary>What a load did: the version it made, the one it replaced, the days that changed, the deadlines it moved.</summary>
[GenerateSerializer, Alias("CalendarLoadResult")]
public sealed record CalendarLoadResult(
    [property: Id(0)] CalendarYear Loaded,
    [property: Id(1)] CalendarYear? Replaced,
    // Days in the new arrangement and not in the old one (a changed kind or occasion is in both lists).
    [property: Id(2)] IReadOnlyList<CalendarDay> Added,
    [property: Id(3)] IReadOnlyList<CalendarDay> Removed,
    [property: Id(4)] DeadlinesMoved Deadlines);
