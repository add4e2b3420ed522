namespace DataSharing.Calendar;

[GenerateSerializer, Alias("CalendarDay")]
public sealed record CalendarDay(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] CalendarDayKind Kind,
    [property: Id(2)] string? Occasion);
