using DataSharing.Common;

namespace DataSharing.Calendar;

/// <summary>
/// Working-day arithmetic over the official arrangements (domain.md, "Working days"): Monday to Friday are working
/// days unless an official holiday; a weekend day is one only when it is an official make-up working day. Years
/// with no arrangement loaded count Monday to Friday alone and make the result provisional.
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>Beyond this a request is a mistake, not a deadline (about four calendar years).</summary>
    public const int MaxDays = 1000;

    private readonly Dictionary<DateOnly, CalendarDayKind> _days = new();
    private readonly HashSet<int> _loadedYears = new();

    private readonly int _version;

    /// <param name="version">The calendar version these years make; every sum and deadline computed carries it.</param>
    public WorkingDayCalendar(IEnumerable<CalendarYear> years, int version = 0)
    {
        _version = version;
        foreach (var year in years)
        {
            _loadedYears.Add(year.Year);
            foreach (var day in year.Days)
            {
                _days[day.Date] = day.Kind;
            }
        }
    }

    public bool IsLoaded(int year) => _loadedYears.Contains(year);

    /// <summary>What "N working days after a date" accepts: a date the platform takes, and at most <see cref="MaxDays"/>.</summary>
    public static void CheckAddition(DateOnly from, int days)
    {
        Require.Range(days, "days", 0, MaxDays);
        Require.Date(from, "from");
    }

    public bool IsWorkingDay(DateOnly date) =>
        _days.TryGetValue(date, out var kind)
            ? kind == CalendarDayKind.Workday
            : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The N-th working day after <paramref name="from"/>: the day of receipt itself is not counted (domain.md).
    /// </summary>
    public WorkingDaySum AddWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);

        var date = from;
        var provisional = false;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            provisional |= !IsLoaded(date.Year);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return new WorkingDaySum(from, days, date, provisional, _version);
    }

    /// <summary>
    /// How many working days after <paramref name="from"/> <paramref name="to"/> is (the inverse of
    /// <see cref="AddWorkingDays"/>): an answer on the day of receipt took 0, one on the next working day 1.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The deadline "within <paramref name="days"/> working days of receipt at <paramref name="receivedAt"/>".</summary>
    public Deadline DeadlineAfter(DateTimeOffset receivedAt, int days)
    {
        var sum = AddWorkingDays(ShanghaiTime.DateOf(receivedAt), days);
        return new Deadline(sum.From, days, sum.Due, ShanghaiTime.EndOf(sum.Due), sum.Provisional, sum.CalendarVersion);
    }
}
