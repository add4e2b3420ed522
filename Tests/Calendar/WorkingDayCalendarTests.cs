using DataSharing.Calendar;
using DataSharing.Common;

namespace DataSharing.Tests.Calendar;

/// <summary>Working-day arithmetic of domain.md, "Working days", on the shipped official arrangements.</summary>
public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Official = new(OfficialCalendarData.Load(DateTimeOffset.UnixEpoch));

    private static DateOnly D(string s) => DateOnly.Parse(s);

    [Fact]
    public void Art25_request_received_on_Thursday_2026_09_24_is_due_Monday_2026_10_12_across_Mid_Autumn_and_National_Day()
    {
        var sum = Official.AddWorkingDays(D("2026-09-24"), 7);

        Assert.Equal(D("2026-10-12"), sum.Due);
        Assert.False(sum.Provisional);
    }

    [Theory]
    [InlineData("2026-09-24", 0)]
    [InlineData("2026-09-27", 0)]
    [InlineData("2026-09-28", 1)]
    [InlineData("2026-10-12", 7)]
    [InlineData("2026-10-13", 8)]
    public void Art42_working_days_between_receipt_and_answer_invert_the_deadline_count(string answeredOn, int expected)
    {
        Assert.Equal(expected, Official.WorkingDaysBetween(D("2026-09-24"), D(answeredOn)));
        if (expected > 0)
        {
            // The answer day is the expected-th working day after receipt only when it is itself a working day.
            Assert.Equal(Official.IsWorkingDay(D(answeredOn)), Official.AddWorkingDays(D("2026-09-24"), expected).Due == D(answeredOn));
        }
    }

    [Fact]
    public void The_day_of_receipt_is_not_counted()
    {
        Assert.Equal(D("2026-11-24"), Official.AddWorkingDays(D("2026-11-23"), 1).Due);
    }

    [Fact]
    public void A_make_up_Saturday_is_a_working_day()
    {
        // 2026-10-10 is a Saturday worked in exchange for the National Day holidays.
        Assert.True(Official.IsWorkingDay(D("2026-10-10")));
        Assert.Equal(D("2026-10-10"), Official.AddWorkingDays(D("2026-10-09"), 1).Due);
    }

    [Fact]
    public void Holidays_on_weekdays_are_rest_days_and_the_Spring_Festival_is_skipped_whole()
    {
        Assert.False(Official.IsWorkingDay(D("2026-02-16")));
        // Fri 13 Feb → Sat 14 (make-up) is the 1st, then nothing until Tue 24 Feb.
        Assert.Equal(D("2026-02-24"), Official.AddWorkingDays(D("2026-02-13"), 2).Due);
    }

    [Fact]
    public void Counting_crosses_a_year_boundary_into_a_make_up_Sunday()
    {
        // 2026-01-01..03 are New Year holidays and Sunday 2026-01-04 is worked.
        Assert.Equal(D("2026-01-04"), Official.AddWorkingDays(D("2025-12-31"), 1).Due);
        Assert.Equal(D("2026-01-06"), Official.AddWorkingDays(D("2025-12-31"), 3).Due);
    }

    [Fact]
    public void A_deadline_in_a_year_not_loaded_counts_Monday_to_Friday_and_is_provisional()
    {
        var sum = Official.AddWorkingDays(D("2026-12-29"), 7);

        // Wed 30, Thu 31 Dec, then 2027 counted on weekdays alone: Fri 1, Mon 4, Tue 5, Wed 6, Thu 7 Jan.
        Assert.Equal(D("2027-01-07"), sum.Due);
        Assert.True(sum.Provisional);
        Assert.False(Official.AddWorkingDays(D("2026-12-01"), 7).Provisional);
    }

    [Fact]
    public void Loading_a_year_makes_its_deadlines_final()
    {
        var year2027 = new CalendarYear(2027, [new CalendarDay(D("2027-01-01"), CalendarDayKind.Holiday, "New Year's Day")], DateTimeOffset.UnixEpoch, "test");
        var calendar = new WorkingDayCalendar([.. OfficialCalendarData.Load(DateTimeOffset.UnixEpoch), year2027]);

        var sum = calendar.AddWorkingDays(D("2026-12-29"), 7);

        Assert.Equal(D("2027-01-08"), sum.Due);
        Assert.False(sum.Provisional);
    }

    [Fact]
    public void Zero_days_is_the_day_itself_and_negative_or_absurd_counts_are_refused()
    {
        Assert.Equal(D("2026-05-01"), Official.AddWorkingDays(D("2026-05-01"), 0).Due);
        Assert.Throws<ArgumentOutOfRangeException>(() => Official.AddWorkingDays(D("2026-05-01"), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Official.AddWorkingDays(D("2026-05-01"), WorkingDayCalendar.MaxDays + 1));
    }

    [Fact]
    public void The_deadline_is_the_end_of_the_due_day_in_Asia_Shanghai()
    {
        // 23:30 in Shanghai on Sunday 27 Sep is still the 27th there (15:30 UTC): Mon 28 Sep is the 1st working day.
        var beforeMidnight = new DateTimeOffset(2026, 9, 27, 15, 30, 0, TimeSpan.Zero);
        var deadline = Official.DeadlineAfter(beforeMidnight, 7);
        Assert.Equal(D("2026-10-12"), deadline.DueDate);
        Assert.Equal(new DateTimeOffset(2026, 10, 13, 0, 0, 0, TimeSpan.FromHours(8)), deadline.DueAt);

        // 00:30 in Shanghai on Monday 28 Sep (still the 27th in UTC) is received on the 28th: one working day later.
        var afterMidnight = new DateTimeOffset(2026, 9, 27, 16, 30, 0, TimeSpan.Zero);
        Assert.Equal(D("2026-10-13"), Official.DeadlineAfter(afterMidnight, 7).DueDate);
    }

    [Fact]
    public void Every_shipped_date_is_read_and_each_year_2024_to_2026_is_loaded()
    {
        var csv = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "official-calendar.csv")).Skip(1).Where(l => l.Length > 0).ToList();
        var years = OfficialCalendarData.Load(DateTimeOffset.UnixEpoch);

        Assert.Equal([2024, 2025, 2026], years.Select(y => y.Year));
        Assert.Equal(csv.Count, years.Sum(y => y.Days.Count));
    }

    /// <summary>
    /// An independent count, written the slow obvious way from the shared CSV itself (not the shipped copy), on
    /// random dates and lengths the examples above were not chosen from.
    /// </summary>
    [Fact]
    public void Agrees_with_an_independent_count_on_random_dates()
    {
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "official-calendar.csv")).Skip(1)
            .Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        var holidays = rows.Where(r => r[1] == "holiday").Select(r => D(r[0])).ToHashSet();
        var workdays = rows.Where(r => r[1] == "workday").Select(r => D(r[0])).ToHashSet();
        bool Works(DateOnly d) => workdays.Contains(d) || (!holidays.Contains(d) && d.DayOfWeek != DayOfWeek.Saturday && d.DayOfWeek != DayOfWeek.Sunday);

        var random = new Random(20260924);
        for (var i = 0; i < 2000; i++)
        {
            var from = new DateOnly(2024, 1, 1).AddDays(random.Next(0, 3 * 365 - 60));
            var days = random.Next(0, 30);
            var expected = from;
            for (var left = days; left > 0;)
            {
                expected = expected.AddDays(1);
                if (Works(expected))
                {
                    left--;
                }
            }

            Assert.Equal(expected, Official.AddWorkingDays(from, days).Due);
        }
    }

    [Fact]
    public void An_arrangement_with_a_make_up_day_on_a_weekday_or_a_date_of_another_year_is_refused()
    {
        var weekdayWorkday = Assert.Throws<ValidationFailedException>(() =>
            CalendarArrangementRules.Validate(2027, [new CalendarDay(D("2027-01-05"), CalendarDayKind.Workday, null)]));
        Assert.Equal("days[0].kind", weekdayWorkday.Field);

        var otherYear = Assert.Throws<ValidationFailedException>(() =>
            CalendarArrangementRules.Validate(2027, [new CalendarDay(D("2027-01-01"), CalendarDayKind.Holiday, null), new CalendarDay(D("2028-01-01"), CalendarDayKind.Holiday, null)]));
        Assert.Equal("days[1].date", otherYear.Field);
    }
}
