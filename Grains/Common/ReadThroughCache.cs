using System.Collections.Concurrent;

namespace DataSharing.Common;

/// <summary>
/// A per-process cache of read-mostly data (published entries, grants): a value is served for at most
/// <see cref="MaxAge"/> after it was read from its source, then read again, so a change made elsewhere in the cluster
/// is seen within that bound; a change made in this process is put or invalidated at once. Concurrent misses of one
/// key share one read. The cache holds at most <see cref="MaxEntries"/> keys, so odd keys (a hostile client's) cannot
/// grow it without bound.
/// </summary>
public sealed class ReadThroughCache<TKey, TValue>(TimeSpan maxAge, int maxEntries, TimeProvider time)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    public TimeSpan MaxAge { get; } = maxAge;

    public int MaxEntries { get; } = maxEntries;

    /// <summary>The cached value, or the source's when there is none younger than <see cref="MaxAge"/> (or <paramref name="fresh"/>).</summary>
    public async ValueTask<TValue> Get(TKey key, Func<TKey, Task<TValue>> read, bool fresh = false)
    {
        var now = time.GetTimestamp();
        if (!fresh && _entries.TryGetValue(key, out var cached) && time.GetElapsedTime(cached.ReadAt, now) < MaxAge)
        {
            if (cached.Value.IsCompletedSuccessfully)
            {
                return cached.Value.Result;
            }

            try
            {
                return await cached.Value;
            }
            catch
            {
                // A failed shared read is not cached: this caller reads for itself below.
            }
        }

        var reading = new Entry(read(key), now);
        Trim();
        _entries[key] = reading;
        try
        {
            return await reading.Value;
        }
        catch
        {
            _entries.TryRemove(KeyValuePair.Create(key, reading));
            throw;
        }
    }

    /// <summary>A value this process just wrote: served from now on (a later read replaces it).</summary>
    public void Put(TKey key, TValue value) => _entries[key] = new Entry(Task.FromResult(value), time.GetTimestamp());

    public void Invalidate(TKey key) => _entries.TryRemove(key, out _);

    public int Count => _entries.Count;

    private void Trim()
    {
        if (_entries.Count < MaxEntries)
        {
            return;
        }

        var now = time.GetTimestamp();
        foreach (var (key, entry) in _entries)
        {
            if (time.GetElapsedTime(entry.ReadAt, now) >= MaxAge)
            {
                _entries.TryRemove(key, out _);
            }
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
    }

    private sealed record Entry(Task<TValue> Value, long ReadAt);
}
