using DataSharing.Audit;
using DataSharing.Common;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace DataSharing.Calendar;

public sealed class WorkingDayCalendarGrain(
    [PersistentState("calendar", StorageNames.Platform)] IPersistentState<WorkingDayCalendarGrain.State> state,
    PlatformClock clock,
    IAuditLog audit,
    IProvisionalWatcherStore watchers,
    CalendarCache cache,
    ILogger<WorkingDayCalendarGrain> logger)
    : Grain, IWorkingDayCalendarGrain
{
    /// <summary>The calendar covers the years whose dates the platform accepts (see <see cref="Require.EarliestDate"/>).</summary>
    public static readonly int MinYear = Require.EarliestDate.Year;

    public static readonly int MaxYear = Require.LatestDate.Year;

    public const string CaseKind = "CalendarYear";

    /// <summary>Cases called back at once while a year loads.</summary>
    private const int CallbackBatch = 64;

    // Reads interleave with a year load that is calling cases back, so writes take turns explicitly.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private WorkingDayCalendar _calendar = new([]);

    public static string CaseIdOf(int year) => $"calendar-{year}";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var changed = false;

        // A calendar stored before versions were kept: what it holds is its first version.
        if (state.State.Version == 0 && state.State.Years.Count > 0)
        {
            state.State.Version = 1;
            foreach (var year in state.State.Years.Values.ToList())
            {
                state.State.Years[year.Year] = year with { Version = 1 };
            }

            changed = true;
        }

        // Shipped years the store does not know yet (first start, or a release that ships a new year) are added as
        // one new version, audited like any load; a year an admin loaded is never overwritten by the shipped copy.
        var shipped = OfficialCalendarData.Load(clock.Now).Where(y => !state.State.Years.ContainsKey(y.Year)).ToList();
        if (shipped.Count > 0)
        {
            state.State.Version++;
            foreach (var year in shipped)
            {
                var versioned = year with { Version = state.State.Version };
                state.State.Years[year.Year] = versioned;
                state.State.PendingAudit.Add(AuditOf(versioned, null, new Actor(OfficialCalendarData.LoadedBy, Actor.System.Role, null)));
            }

            changed = true;
        }

        if (changed)
        {
            await state.WriteStateAsync(cancellationToken);
        }

        await MoveWatchersToStore();
        _calendar = new WorkingDayCalendar(state.State.Years.Values, state.State.Version);
        cache.Put(_calendar);
        await AuditOutbox.Flush(state.State.PendingAudit, audit, logger);
    }

    public Task<WorkingDaySum> AddWorkingDays(DateOnly from, int days)
    {
        WorkingDayCalendar.CheckAddition(from, days);
        return Task.FromResult(_calendar.AddWorkingDays(from, days));
    }

    public Task<IReadOnlyList<CalendarYear>> GetYears() =>
        Task.FromResult<IReadOnlyList<CalendarYear>>(state.State.Years.Values.OrderBy(y => y.Year).ToList());

    public Task<IReadOnlyList<CalendarYear>> GetVersions(int year)
    {
        var versions = state.State.Superseded.GetValueOrDefault(year, []).ToList();
        if (state.State.Years.TryGetValue(year, out var current))
        {
            versions.Add(current);
        }

        return Task.FromResult<IReadOnlyList<CalendarYear>>(versions);
    }

    public async Task<CalendarLoadResult> LoadYear(int year, CalendarYearLoad load, Actor by)
    {
        CalendarArrangementRules.Validate(year, load.Days);
        Require.OptionalText(load.Reason, "reason");
        var days = load.Days.OrderBy(d => d.Date).ToList();

        CalendarYear loaded;
        CalendarYear? replaced;
        await _writing.WaitAsync();
        try
        {
            replaced = state.State.Years.GetValueOrDefault(year);
            if (replaced is not null)
            {
                // The State Council's arrangement is a fact the deadlines of every case rest on: replacing it is a
                // deliberate act, confirmed and explained, never a side effect of a PUT sent twice or to the wrong year.
                if (!load.Replace)
                {
                    throw new IllegalTransitionException(CaseIdOf(year), $"loaded (version {replaced.Version})", "replace",
                        $"{year} already has an arrangement (version {replaced.Version}, loaded by {replaced.LoadedBy} on {replaced.LoadedAt:yyyy-MM-dd}). "
                        + "Replacing it needs replace: true and a reason.");
                }

                Require.Text(load.Reason, "reason");
            }

            CalendarArrangementRules.EnsurePlausible(year, days, load.Force);
            if (load.Force)
            {
                Require.Text(load.Reason, "reason");
            }

            state.State.Version++;
            loaded = new CalendarYear(year, days, clock.Now, by.Subject, state.State.Version, load.Reason, load.Force);
            state.State.Years[year] = loaded;
            if (replaced is not null)
            {
                if (!state.State.Superseded.TryGetValue(year, out var older))
                {
                    state.State.Superseded[year] = older = [];
                }

                older.Add(replaced);
            }

            state.State.PendingAudit.Add(AuditOf(loaded, replaced, by));
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // The state in memory already holds the new version; reading it back from storage is the only way
                // to be sure this activation answers with what is stored.
                DeactivateOnIdle();
                throw;
            }

            _calendar = new WorkingDayCalendar(state.State.Years.Values, state.State.Version);
            cache.Put(_calendar);
            await AuditOutbox.Flush(state.State.PendingAudit, audit, logger);
        }
        finally
        {
            _writing.Release();
        }

        var before = replaced?.Days ?? [];
        return new CalendarLoadResult(loaded, replaced, days.Except(before).ToList(), before.Except(days).ToList(),
            await RecomputeDeadlines(year));
    }

    public Task WatchProvisional(int year, GrainId bearer) =>
        _calendar.IsLoaded(year) ? Task.CompletedTask : watchers.Add(year, bearer);

    /// <summary>
    /// The audit entry of a load (Art 38: the calendar decides every deadline, so changing it is kept like any act):
    /// the version before and after, with the reason and whether it was forced.
    /// </summary>
    private static AuditEntry AuditOf(CalendarYear loaded, CalendarYear? replaced, Actor by) => new(
        $"{CaseIdOf(loaded.Year)}#v{loaded.Version}", loaded.LoadedAt, by, [], CaseKind, CaseIdOf(loaded.Year),
        replaced is null ? "load" : "replace", replaced is null ? null : Describe(replaced),
        Describe(loaded) + (loaded.Forced ? ", forced" : "") + (loaded.Reason is null ? "" : $": {loaded.Reason}"));

    private static string Describe(CalendarYear year) =>
        $"version {year.Version}: {year.Days.Count(d => d.Kind == CalendarDayKind.Holiday)} holidays, "
        + $"{year.Days.Count(d => d.Kind == CalendarDayKind.Workday)} make-up working days, {CalendarArrangementRules.RestDays(year.Days)} working days off, "
        + $"content {Fingerprint.Of(year.Days)[..16]}";

    /// <summary>
    /// Calls back the cases waiting for <paramref name="year"/>, a page at a time, and removes those it reached. Cases
    /// that could not be reached (or a load interrupted by a crash) stay and are called again at the next load of that
    /// year. What moved is counted, with the largest moves as examples.
    /// </summary>
    private async Task<DeadlinesMoved> RecomputeDeadlines(int year)
    {
        var (called, failed, unchanged, movedCount) = (0, 0, 0, 0);
        var moved = new List<DeadlineMove>();
        for (GrainId? after = null; ;)
        {
            var page = await watchers.Page(year, after, CallbackBatch);
            if (page.Count == 0)
            {
                break;
            }

            var reached = new List<GrainId>();
            var moves = new List<DeadlineMove>();
            await Task.WhenAll(page.Select(async id =>
            {
                try
                {
                    var move = await GrainFactory.GetGrain<IDeadlineBearer>(id).RecomputeDeadline();
                    lock (reached)
                    {
                        reached.Add(id);
                        if (move is not null)
                        {
                            moves.Add(move);
                        }
                    }
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Recomputing the provisional deadline of {Case} after loading {Year} failed", id, year);
                }
            }));

            await watchers.Remove(year, reached);
            called += page.Count;
            failed += page.Count - reached.Count;
            unchanged += moves.Count(m => m.Days == 0);
            // Only the largest moves are kept as examples: the report stays bounded however many cases moved.
            moved = [.. moved.Concat(moves.Where(m => m.Days != 0))
                .OrderByDescending(m => Math.Abs(m.Days)).ThenBy(m => m.CaseId, StringComparer.Ordinal).Take(DeadlinesMoved.MaxExamples)];
            movedCount += moves.Count(m => m.Days != 0);
            after = page[^1];
        }

        return new DeadlinesMoved(called, movedCount, unchanged, failed, moved);
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
        /// <summary>The arrangement in force for each year.</summary>
        [Id(0)] public Dictionary<int, CalendarYear> Years { get; set; } = new();

        /// <summary>
        /// Only read, from states written before the cases holding a provisional deadline moved to
        /// <see cref="IProvisionalWatcherStore"/>: handed over on activation, then cleared.
        /// </summary>
        [Id(1)] public Dictionary<int, HashSet<GrainId>> Watchers { get; set; } = new();

        /// <summary>The calendar's version: raised by every load, recorded in every deadline computed since.</summary>
        [Id(2)] public int Version { get; set; }

        /// <summary>The arrangements each year had before its current one, oldest first: never discarded.</summary>
        [Id(3)] public Dictionary<int, List<CalendarYear>> Superseded { get; set; } = new();

        /// <summary>Audit entries written with the state and not yet known to be in the log (see <see cref="AuditOutbox"/>).</summary>
        [Id(4)] public List<AuditEntry> PendingAudit { get; set; } = [];
    }
}
