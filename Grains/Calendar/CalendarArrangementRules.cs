using DataSharing.Common;

namespace DataSharing.Calendar;

/// <summary>What a year's arrangement must look like before it replaces the calendar's facts.</summary>
public static class CalendarArrangementRules
{
    public static void Validate(int year, IReadOnlyList<CalendarDay> days)
    {
        if (year < WorkingDayCalendarGrain.MinYear || year > WorkingDayCalendarGrain.MaxYear)
        {
            throw new ValidationFailedException("year", $"year must be between {WorkingDayCalendarGrain.MinYear} and {WorkingDayCalendarGrain.MaxYear}.");
        }

        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            if (day.Date.Year != year)
            {
                throw new ValidationFailedException($"days[{i}].date", $"{day.Date:yyyy-MM-dd} is not in {year}.");
            }

            if (!seen.Add(day.Date))
            {
                throw new ValidationFailedException($"days[{i}].date", $"{day.Date:yyyy-MM-dd} is listed twice.");
            }

            // A make-up working day exists to turn a weekend day into a working day; on a weekday it means nothing
            // and is almost certainly a typo for a holiday.
            if (day.Kind == CalendarDayKind.Workday && day.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                throw new ValidationFailedException($"days[{i}].kind", $"{day.Date:yyyy-MM-dd} is a {day.Date.DayOfWeek}; only a weekend day can be a make-up working day.");
            }
        }
    }
}
