namespace DataSharing.Calendar;

/// <summary>
/// One version of a year's official arrangement: who loaded it and when, the calendar version it made, and, for a
/// replacement or a forced load, the reason given.
/// </summary>
[GenerateSerializer, Alias("CalendarYear")]
public sealed record CalendarYear(
    [property: Id(0)] int Year,
    [property: Id(1)] IReadOnlyList<CalendarDay> Days,
    [property: Id(2)] DateTimeOffset LoadedAt,
    [property: Id(3)] string LoadedBy,
    // The calendar version this load made (see WorkingDaySum.CalendarVersion); 0 before versions were kept.
    [property: Id(4)] int Version = 0,
    [property: Id(5)] string? Reason = null,
    // Loaded although it gives fewer rest days than the statutory holidays (an admin's explicit decision).
    [property: Id(6)] bool Forced = false);
