using Orleans.Runtime;

namespace DataSharing.Calendar;

/// <summary>
/// The cases holding a deadline computed on a calendar year not loaded yet (a provisional deadline), by that year:
/// in memory in embedded mode (<see cref="InMemoryProvisionalWatcherStore"/>), table provisional_watchers in cluster
/// mode. Thousands of requests received late in December wait for the next year; each is a row, not an entry in the
/// calendar's state rewritten whole on every add. Loading the year reads them a page at a time and removes the cases
/// it called back.
/// </summary>
public interface IProvisionalWatcherStore
{
    /// <summary>Registers <paramref name="bearer"/> for <paramref name="year"/>; registering it again changes nothing.</summary>
    Task Add(int year, GrainId bearer);

    /// <summary>Up to <paramref name="limit"/> cases waiting for <paramref name="year"/> after <paramref name="after"/>, in a stable order.</summary>
    Task<IReadOnlyList<GrainId>> Page(int year, GrainId? after, int limit);

    Task Remove(int year, IReadOnlyList<GrainId> bearers);
}
