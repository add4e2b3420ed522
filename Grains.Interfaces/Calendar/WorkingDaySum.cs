namespace DataSharing.Calendar;

/// <summary>The answer to "N working days after a date".</summary>
[GenerateSerializer, Immutable, Alias("WorkingDaySum")]
public sealed record WorkingDaySum(
    [property: Id(0)] DateOnly From,
    [property: Id(1)] int Days,
    [property: Id(2)] DateOnly Due,
    [property: Id(3)] bool Provisional,
    // The calendar version the sum was computed with: every load of a year makes a new one.
    [property: Id(4)] int CalendarVersion = 0);
