namespace DataSharing.Common;

/// <summary>The bounds of a query by day: a day count of its own, so that a series costs the same however old the platform is.</summary>
public static class DateRange
{
    /// <summary>A year and a day: the longest series a page of the console or an API client asks for.</summary>
    public const int MaxDays = 366;

    /// <summary>Refuses a range that is empty, backwards or longer than <see cref="MaxDays"/>.</summary>
    public static void Validate(DateOnly from, DateOnly until)
    {
        if (until <= from)
        {
            throw new ValidationFailedException("until", "until must come after from.");
        }

        if (until.DayNumber - from.DayNumber > MaxDays)
        {
            throw new ValidationFailedException("until", $"A range is at most {MaxDays} days.");
        }
    }
}
