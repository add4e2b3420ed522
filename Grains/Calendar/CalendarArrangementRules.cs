using DataSharing.Common;

namespace DataSharing.Calendar;

/// <summary>What a year's arrangement must look like before it replaces the calendar's facts.</summary>
public static class CalendarArrangementRules
{
    public static void Validate(int year, IReadOnlyList<CalendarDay> days)
    {
        if (year < WorkingDayCalendarGrain.MinYear || year > WorkingDayCalendarGrain.MaxYear)
        {
            throw new ValidationFailedException("year", $"year is {year}; it must be between {WorkingDayCalendarGrain.MinYear} and {WorkingDayCalendarGrain.MaxYear}.");
        }

        Require.Items(days, "days", 366);
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

            if (!Enum.IsDefined(day.Kind))
            {
                throw new ValidationFailedException($"days[{i}].kind", "kind is Holiday or Workday.");
            }

            // A make-up working day exists to turn a weekend day into a working day; on a weekday it means nothing
            // and is almost certainly a typo for a holiday.
            if (day.Kind == CalendarDayKind.Workday && !IsWeekend(day.Date))
            {
                throw new ValidationFailedException($"days[{i}].kind", $"{day.Date:yyyy-MM-dd} is a {day.Date.DayOfWeek}; only a weekend day can be a make-up working day.");
            }

            Require.OptionalLine(day.Occasion, $"days[{i}].occasion");
        }
    }

    /// <summary>
    /// The statutory holidays in a year under the State Council's Measures on National Holidays (全国年节及纪念日放假办法):
    /// 11 days from 2008 to 2024, 13 from 2025 (its revision of November 2024 added a day each at the Spring Festival
    /// and Labour Day). Every annual arrangement gives exactly these, net of the weekends worked in exchange: the
    /// shipped 2024 gives 11, 2025 and 2026 give 13.
    /// </summary>
    public static int StatutoryRestDays(int year) => year >= 2025 ? 13 : 11;

    /// <summary>The working days an arrangement takes off: holidays on Monday to Friday less make-up working days.</summary>
    public static int RestDays(IReadOnlyList<CalendarDay> days) =>
        days.Count(d => d.Kind == CalendarDayKind.Holiday && !IsWeekend(d.Date))
        - days.Count(d => d.Kind == CalendarDayKind.Workday && IsWeekend(d.Date));

    /// <summary>
    /// An arrangement giving fewer rest days than the statutory holidays is a mistake (an empty list, a half-typed
    /// one) far more often than a real one, and it silently shortens every deadline counted through that year. It is
    /// refused unless the admin forces it, with a reason.
    /// </summary>
    public static void EnsurePlausible(int year, IReadOnlyList<CalendarDay> days, bool force)
    {
        var rest = RestDays(days);
        var statutory = StatutoryRestDays(year);
        if (rest < statutory && !force)
        {
            throw new ValidationFailedException("days",
                $"The arrangement for {year} takes {rest} working days off (holidays on weekdays less make-up working days); " +
                $"the State Council's arrangements give the {statutory} statutory holidays. Check the list, or send force: true with a reason to load it anyway.");
        }
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
