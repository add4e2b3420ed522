using DataSharing.Common;
using Microsoft.Extensions.Options;

namespace DataSharing.Calendar;

/// <summary>
/// The official calendar held in every process (silo and API), so that working-day arithmetic (the anonymous
/// calculator, every new deadline) is computed where it is asked for, not funnelled through the calendar's one
/// activation. The calendar grain's own process sees a newly loaded year at once, any other within <see cref="CacheOptions.CalendarMaxAge"/>; a case recomputing
/// its deadline because a year was loaded reads the calendar afresh first (<see cref="Refresh"/>). Every sum carries
/// the calendar version it was computed with, and so does every deadline.
/// </summary>
public sealed class CalendarCache(IGrainFactory grains, PlatformClock clock, IOptions<CacheOptions> options)
{
    private readonly ReadThroughCache<int, WorkingDayCalendar> _calendar = new(options.Value.CalendarMaxAge, 2, clock.Time);

    /// <summary>"N working days after a date", checked as the calendar grain checks it.</summary>
    public async ValueTask<WorkingDaySum> AddWorkingDays(DateOnly from, int days)
    {
        WorkingDayCalendar.CheckAddition(from, days);
        return (await Current()).AddWorkingDays(from, days);
    }

    /// <summary>How many working days after <paramref name="from"/> <paramref name="to"/> is (e.g. how long an answer took).</summary>
    public async ValueTask<int> WorkingDaysBetween(DateOnly from, DateOnly to) => (await Current()).WorkingDaysBetween(from, to);

    /// <summary>The calendar as its grain just made it, in the grain's own process: seen there at once.</summary>
    public void Put(WorkingDayCalendar calendar) => _calendar.Put(0, calendar);

    /// <summary>Reads the calendar from its grain now: after a year was loaded, what follows computes with it.</summary>
    public async Task Refresh() => await Current(fresh: true);

    private ValueTask<WorkingDayCalendar> Current(bool fresh = false) =>
        _calendar.Get(0, async _ =>
        {
            var years = await grains.GetGrain<IWorkingDayCalendarGrain>(IWorkingDayCalendarGrain.Key).GetYears();
            return new WorkingDayCalendar(years, years.Count == 0 ? 0 : years.Max(y => y.Version));
        }, fresh);
}
