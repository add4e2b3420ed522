namespace DataSharing.Common;

/// <summary>
/// Keyset paging over an in-memory index kept as a <see cref="SortedSet{T}"/> in the list's own order: a page is a
/// view from the cursor on, so it costs O(log n + what it skips and serves), not a pass over the whole list.
/// </summary>
public static class SortedSetPages
{
    /// <summary>
    /// Up to <paramref name="count"/> keys strictly after <paramref name="after"/> (from the first when null) that
    /// <paramref name="where"/> accepts, in the set's order.
    /// </summary>
    public static List<T> Following<T>(this SortedSet<T>? index, T? after, int count, Func<T, bool>? where = null)
        where T : struct
    {
        if (index is null || index.Count == 0 || (after is { } last && index.Comparer.Compare(last, index.Max) >= 0))
        {
            return [];
        }

        var view = after is { } from ? index.GetViewBetween(from, index.Max) : index;
        return view
            .Where(k => after is not { } from || index.Comparer.Compare(k, from) > 0)
            .Where(k => where is null || where(k))
            .Take(count)
            .ToList();
    }

    /// <summary>The index under <paramref name="key"/>, made empty with <paramref name="comparer"/> if there is none yet.</summary>
    public static SortedSet<T> IndexOf<TKey, T>(this Dictionary<TKey, SortedSet<T>> indexes, TKey key, IComparer<T> comparer)
        where TKey : notnull
    {
        if (!indexes.TryGetValue(key, out var index))
        {
            indexes[key] = index = new SortedSet<T>(comparer);
        }

        return index;
    }
}
