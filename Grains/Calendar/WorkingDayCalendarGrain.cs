using DataSharing.Common;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace DataSharing.Calendar;

public sealed class WorkingDayCalendarGrain(
    [PersistentState("calendar", StorageNames.Platform)] IPersistentState<WorkingDayCalendarGrain.State> state,
    PlatformClock clock,
    IProvisionalWatcherStore watchers,
    ILogger<WorkingDayCalendarGrain> logger)
    : Grain, IWorkingDayCalendarGrain
{
    public const int MinYear = 2000;
    public const int MaxYear = 2200;

    /// <summary>Cases called back at once while a year loads.</summary>
    private const int CallbackBatch = 64;

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

        await MoveWatchersToStore();

        _calendar = new WorkingDayCalendar(state.State.Years.Values);
    }

    public Task<WorkingDaySum> AddWorkingDays(DateOnly from, int days)
    {
        if (days < 0 || days > WorkingDayCalendar.MaxDays)
        {
            throw new ValidationFailedException("days", $"days must be between 0 and {WorkingDayCalendar.MaxDays}.");
        }

        if (from.Year < MinYear || from.Year > MaxYear)
        {
            throw new ValidationFailedException("from", $"from must fall in the years {MinYear} to {MaxYear}.");
        }

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

        await _writing.WaitAsync();
        try
        {
            state.State.Years[year] = loaded;
            await state.WriteStateAsync();
            _calendar = new WorkingDayCalendar(state.State.Years.Values);
        }
        finally
        {
            _writing.Release();
        }

        await RecomputeDeadlines(year);
        return loaded;
    }

    public Task WatchProvisional(int year, GrainId bearer) =>
        _calendar.IsLoaded(year) ? Task.CompletedTask : watchers.Add(year, bearer);

    /// <summary>
    /// Calls back the cases waiting for <paramref name="year"/>, a page at a time, and removes those it reached. Cases
    /// that could not be reached (or a load interrupted by a crash) stay and are called again at the next load of that year.
    /// </summary>
    private async Task RecomputeDeadlines(int year)
    {
        for (GrainId? after = null; ;)
        {
            var page = await watchers.Page(year, after, CallbackBatch);
            if (page.Count == 0)
            {
                return;
            }

            var reached = new List<GrainId>();
            await Task.WhenAll(page.Select(async id =>
            {
                try
                {
                    await GrainFactory.GetGrain<IDeadlineBearer>(id).RecomputeDeadline();
                    lock (reached)
                    {
                        reached.Add(id);
                    }
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Recomputing the provisional deadline of {Case} after loading {Year} failed", id, year);
                }
            }));

            await watchers.Remove(year, reached);
            after = page[^1];
        }
    }

    /// <summary>A state written before the watchers moved to their store hands them over, then forgets them.</summary>
    private async Task MoveWatchersToStore()
    {
        if (state.State.Watchers.Count == 0)
        {
            return;
        }

        foreach (var (year, bearers) in state.State.Watchers)
        {
            foreach (var bearer in bearers)
            {
                await watchers.Add(year, bearer);
            }
        }

        state.State.Watchers.Clear();
        await state.WriteStateAsync();
    }

    [GenerateSerializer, Alias("WorkingDayCalendarState")]
    public sealed class State
    {
        [Id(0)] public Dictionary<int, CalendarYear> Years { get; set; } = new();

        /// <summary>
        /// Only read, from states written before the cases holding a provisional deadline moved to
        /// <see cref="IProvisionalWatcherStore"/>: handed over on activation, then cleared.
        /// </summary>
        [Id(1)] public Dictionary<int, HashSet<GrainId>> Watchers { get; set; } = new();
    }
}
