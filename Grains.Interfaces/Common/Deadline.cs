namespace DataSharing.Common;

/// <summary>
/// A deadline counted in working days: the end (24:00 Asia/Shanghai) of <see cref="DueDate"/>.
/// Provisional when it crosses a year whose official arrangement is not loaded yet. A deadline keeps the calendar
/// version it was computed with: a later replacement of a year's arrangement does not move it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Deadline")]
public sealed record Deadline(
    [property: Id(0)] DateOnly StartDate,
    [property: Id(1)] int WorkingDays,
    [property: Id(2)] DateOnly DueDate,
    [property: Id(3)] DateTimeOffset DueAt,
    [property: Id(4)] bool Provisional,
    // The working-day calendar's version it was computed with (0: computed before versions were kept).
    [property: Id(5)] int CalendarVersion = 0);
