using DataSharing.Common;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace DataSharing.Calendar;

public sealed class WorkingDayCalendarGrain(
    [PersistentState("calendar", StorageNames.Platform)] IPersistentState<WorkingDayCalendarGrain.State> state,
    PlatformClock clock,
    ILogger<WorkingDayCalendarGrain> logger)
    : Grain, IWorkingDayCalendarGrain
{
    /// <summary>The calendar covers the years whose dates the platform accepts (see <see cref="Require.EarliestDate"/>).</summary>
    public static readonly int MinYear = Require.EarliestDate.Year;

    public static readonly int MaxYear = Require.LatestDate.Year;

    // Reads interleave with a year load that is calling cases back, so writes take turns explicitly.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private WorkingDayCalendar _calendar = new([]);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Shipped years the store does not know yet (first start, or a release that ships a new year) are added;
        // a year an admin loaded is never overwritten by the shipped copy.
        var added = false;
        foreach (var year in OfficialCalendarData.Load(clock.Now))
        {
            added |= state.State.Years.TryAdd(year.Year, year);
        }

        if (added)
        {
            await state.WriteStateAsync(cancellationToken);
        }

        _calendar = new WorkingDayCalendar(state.State.Years.Values);
    }

    public Task<WorkingDaySum> AddWorkingDays(DateOnly from, int days)
    {
        Require.Range(days, "days", 0, WorkingDayCalendar.MaxDays);
        Require.Date(from, "from");

        return Task.FromResult(_calendar.AddWorkingDays(from, days));
    }

    public Task<IReadOnlyList<int>> WorkingDaysBetween(IReadOnlyList<(DateOnly From, DateOnly To)> spans) =>
        Task.FromResult<IReadOnlyList<int>>(spans.Select(s => _calendar.WorkingDaysBetween(s.From, s.To)).ToList());

    public Task<IReadOnlyList<CalendarYear>> GetYears() =>
        Task.FromResult<IReadOnlyList<CalendarYear>>(state.State.Years.Values.OrderBy(y => y.Year).ToList());

    public async Task<CalendarYear> LoadYear(int year, IReadOnlyList<CalendarDay> days, Actor by)
    {
        CalendarArrangementRules.Validate(year, days);
        var loaded = new CalendarYear(year, days.OrderBy(d => d.Date).ToList(), clock.Now, by.Subject);

        List<GrainId> watchers;
        await _writing.WaitAsync();
        try
        {
            state.State.Years[year] = loaded;
            watchers = state.State.Watchers.Remove(year, out var set) ? [.. set] : [];
            await state.WriteStateAsync();
            _calendar = new WorkingDayCalendar(state.State.Years.Values);
        }
        finally
        {
            _writing.Release();
        }

        await RecomputeDeadlines(year, watchers);
        return loaded;
    }

    public Task WatchProvisional(int year, GrainId bearer) =>
        _calendar.IsLoaded(year) ? Task.CompletedTask : AddWatcher(year, bearer);

    private async Task RecomputeDeadlines(int year, List<GrainId> watchers)
    {
        var failed = new List<GrainId>();
        foreach (var batch in watchers.Chunk(64))
        {
            await Task.WhenAll(batch.Select(async id =>
            {
                try
                {
                    await GrainFactory.GetGrain<IDeadlineBearer>(id).RecomputeDeadline();
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Recomputing the provisional deadline of {Case} after loading {Year} failed", id, year);
                    lock (failed)
                    {
                        failed.Add(id);
                    }
                }
            }));
        }

        // Cases that could not be reached are kept and called again at the next load of that year.
        foreach (var id in failed)
        {
            await AddWatcher(year, id);
        }
    }

    private async Task AddWatcher(int year, GrainId bearer)
    {
        await _writing.WaitAsync();
        try
        {
            if (!state.State.Watchers.TryGetValue(year, out var set))
            {
                state.State.Watchers[year] = set = [];
            }

            if (set.Add(bearer))
            {
                await state.WriteStateAsync();
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    [GenerateSerializer, Alias("WorkingDayCalendarState")]
    public sealed class State
    {
        [Id(0)] public Dictionary<int, CalendarYear> Years { get; set; } = new();

        /// <summary>Cases holding a provisional deadline, by the unloaded year that made it provisional.</summary>
        [Id(1)] public Dictionary<int, HashSet<GrainId>> Watchers { get; set; } = new();
    }
}
