using DataSharing.Common;

namespace DataSharing.Catalog;

/// <summary>The embedded-mode version history: each entry's versions in order, appended in O(log v), paged by binary search.</summary>
public sealed class InMemoryCatalogHistoryStore : ICatalogHistoryStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedList<int, CatalogEntryVersion>> _entries = new(StringComparer.Ordinal);

    public Task Append(string code, IReadOnlyList<CatalogEntryVersion> versions)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(code, out var history))
            {
                _entries[code] = history = [];
            }

            foreach (var version in versions)
            {
                history.TryAdd(version.Version, version);
            }
        }

        return Task.CompletedTask;
    }

    public Task<Page<CatalogEntryVersion>> List(string code, PageRequest page)
    {
        var after = CatalogHistoryCursor.After(page);
        lock (_gate)
        {
            if (!_entries.TryGetValue(code, out var history))
            {
                return Task.FromResult(Page<CatalogEntryVersion>.Empty);
            }

            var versions = new List<CatalogEntryVersion>(page.Limit + 1);
            for (var at = FirstAfter(history.Keys, after); at < history.Count && versions.Count <= page.Limit; at++)
            {
                versions.Add(history.Values[at]);
            }

            return Task.FromResult(Page<CatalogEntryVersion>.Of(versions, page.Limit, CatalogHistoryCursor.Of));
        }
    }

    /// <summary>The position of the first version after <paramref name="after"/> in the ascending <paramref name="keys"/>.</summary>
    private static int FirstAfter(IList<int> keys, int after)
    {
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (keys[middle] <= after)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
