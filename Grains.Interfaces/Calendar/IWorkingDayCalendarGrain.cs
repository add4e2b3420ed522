using DataSharing.Common;
using Orleans.Concurrency;

namespace DataSharing.Calendar;

/// <summary>The official working-day calendar of one cluster (a singleton: key <see cref="Key"/>).</summary>
public interface IWorkingDayCalendarGrain : IGrainWithStringKey
{
    const string Key = "official";

    /// <summary>Deadlines are asked for while a year load is calling cases back, so reads interleave.</summary>
    [AlwaysInterleave]
    Task<WorkingDaySum> AddWorkingDays(DateOnly from, int days);

    [AlwaysInterleave]
    Task<IReadOnlyList<CalendarYear>> GetYears();

    /// <summary>For each span, how many working days after its start its end is (e.g. how long an answer took).</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<int>> WorkingDaysBetween(IReadOnlyList<(DateOnly From, DateOnly To)> spans);

    /// <summary>
    /// Loads (or replaces) one year's holidays and make-up working days, then has every case whose deadline was
    /// provisional in that year recompute it.
    /// </summary>
    Task<CalendarYear> LoadYear(int year, IReadOnlyList<CalendarDay> days, Actor by);

    /// <summary>Registers a case to be called back when <paramref name="year"/> is loaded.</summary>
    [AlwaysInterleave]
    Task WatchProvisional(int year, GrainId bearer);
}
