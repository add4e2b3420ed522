namespace DataSharing.Calendar;

/// <summary>
/// A platform admin's load of a year's arrangement. Replacing a year that has one needs <see cref="Replace"/> and a
/// reason; an arrangement with implausibly few rest days needs <see cref="Force"/> and a reason.
/// </summary>
[GenerateSerializer, Alias("CalendarYearLoad")]
public sealed record CalendarYearLoad(
    [property: Id(0)] IReadOnlyList<CalendarDay> Days,
    [property: Id(1)] bool Replace = false,
    [property: Id(2)] string? Reason = null,
    [property: Id(3)] bool Force = false);
