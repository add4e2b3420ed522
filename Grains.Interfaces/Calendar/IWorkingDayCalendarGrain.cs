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

    /// <summary>
    /// Loads one year's holidays and make-up working days as a new calendar version (kept, with the one it
    /// replaces, and audited), then has every case whose deadline was provisional in that year recompute it.
    /// Deadlines computed before keep theirs.
    /// </summary>
    /// <remarks>Calling back thousands of cases takes longer than an ordinary call may (see Platform:ResponseTimeout).</remarks>
    [ResponseTimeout("00:10:00")]
    Task<CalendarLoadResult> LoadYear(int year, CalendarYearLoad load, Actor by);

    /// <summary>Every version of a year's arrangement loaded so far, oldest first; empty if the year was never loaded.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<CalendarYear>> GetVersions(int year);

    /// <summary>Registers a case to be called back when <paramref name="year"/> is loaded.</summary>
    [AlwaysInterleave]
    Task WatchProvisional(int year, GrainId bearer);
}
