using Orleans.Runtime;

namespace DataSharing.Calendar;

/// <summary>The embedded-mode provisional watchers: each year's cases in order of their id (ordinal), added and removed in O(log n).</summary>
public sealed class InMemoryProvisionalWatcherStore : IProvisionalWatcherStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, SortedSet<string>> _years = new();

    public Task Add(int year, GrainId bearer)
    {
        lock (_gate)
        {
            if (!_years.TryGetValue(year, out var bearers))
            {
                _years[year] = bearers = new SortedSet<string>(StringComparer.Ordinal);
            }

            bearers.Add(bearer.ToString());
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<GrainId>> Page(int year, GrainId? after, int limit)
    {
        var from = after?.ToString();
        lock (_gate)
        {
            if (!_years.TryGetValue(year, out var bearers) || bearers.Count == 0 || (from is not null && string.CompareOrdinal(from, bearers.Max) >= 0))
            {
                return Task.FromResult<IReadOnlyList<GrainId>>([]);
            }

            IReadOnlyList<GrainId> page = (from is null ? bearers : bearers.GetViewBetween(from, bearers.Max!))
                .Where(b => from is null || string.CompareOrdinal(b, from) > 0)
                .Take(limit)
                .Select(GrainId.Parse)
                .ToList();
            return Task.FromResult(page);
        }
    }

    public Task Remove(int year, IReadOnlyList<GrainId> bearers)
    {
        lock (_gate)
        {
            if (_years.TryGetValue(year, out var waiting))
            {
                waiting.ExceptWith(bearers.Select(b => b.ToString()));
            }
        }

        return Task.CompletedTask;
    }
}
