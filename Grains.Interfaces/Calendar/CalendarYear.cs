namespace DataSharing.Calendar;

/// <summary>One year's official arrangement as loaded, with who loaded it and when.</summary>
[GenerateSerializer, Alias("CalendarYear")]
public sealed record CalendarYear(
    [property: Id(0)] int Year,
    [property: Id(1)] IReadOnlyList<CalendarDay> Days,
    [property: Id(2)] DateTimeOffset LoadedAt,
    [property: Id(3)] string LoadedBy);
