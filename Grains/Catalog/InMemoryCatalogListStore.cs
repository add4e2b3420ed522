using DataSharing.Common;

namespace DataSharing.Catalog;

/// <summary>
/// The embedded-mode catalog list: the rows by code, with code-ordered indexes of every entry, of each provider's and
/// of each status's. A page walks the narrowest index that holds every entry it may serve; a viewer without oversight
/// and without a filter walks the published entries and their own department's side by side. The entries open to the
/// public (Art 36) have indexes of their own, all and published, so the open catalog pages in O(log n + limit) however
/// few of the entries are open. An upsert costs O(log n).
/// </summary>
public sealed class InMemoryCatalogListStore : ICatalogListStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CatalogEntrySummary> _rows = new(StringComparer.Ordinal);
    private readonly SortedSet<Code> _all = new(Code.Order);
    private readonly Dictionary<string, SortedSet<Code>> _byProvider = new(StringComparer.Ordinal);
    private readonly Dictionary<CatalogEntryStatus, SortedSet<Code>> _byStatus = new();
    private readonly SortedSet<Code> _open = new(Code.Order);
    private readonly SortedSet<Code> _openPublished = new(Code.Order);

    public Task Upsert(CatalogEntrySummary row)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue(row.Code, out var known))
            {
                if (known.Version > row.Version || known == row)
                {
                    return Task.CompletedTask;
                }

                _byProvider.GetValueOrDefault(known.ProviderDepartment)?.Remove(new Code(known.Code));
                _byStatus.GetValueOrDefault(known.Status)?.Remove(new Code(known.Code));
                _open.Remove(new Code(known.Code));
                _openPublished.Remove(new Code(known.Code));
            }

            _rows[row.Code] = row;
            _all.Add(new Code(row.Code));
            _byProvider.IndexOf(row.ProviderDepartment, Code.Order).Add(new Code(row.Code));
            _byStatus.IndexOf(row.Status, Code.Order).Add(new Code(row.Code));
            if (row.OpenType != OpenType.NonOpen)
            {
                _open.Add(new Code(row.Code));
                if (row.Status == CatalogEntryStatus.Published)
                {
                    _openPublished.Add(new Code(row.Code));
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<Page<CatalogEntrySummary>> List(CatalogListQuery query, PageRequest page)
    {
        var after = CatalogListCursor.After(page) is { } code ? new Code(code) : (Code?)null;
        lock (_gate)
        {
            bool Matches(Code code) => query.Matches(_rows[code.Value]);
            var count = page.Limit + 1;
            var codes =
                query.Provider is { } provider ? _byProvider.GetValueOrDefault(provider).Following(after, count, Matches)
                : query.OpenData == true ? OpenCodes(query, after, count, Matches)
                : query.Status is { } status ? _byStatus.GetValueOrDefault(status).Following(after, count, Matches)
                : query.ViewerOversight ? _all.Following(after, count, Matches)
                : Merge(
                    _byStatus.GetValueOrDefault(CatalogEntryStatus.Published).Following(after, count, Matches),
                    query.ViewerDepartment is { } own ? _byProvider.GetValueOrDefault(own).Following(after, count, Matches) : [],
                    count);
            return Task.FromResult(Page<CatalogEntrySummary>.Of(codes.Select(c => _rows[c.Value]).ToList(), page.Limit, CatalogListCursor.Of));
        }
    }

    /// <summary>The open entries' codes (Art 36): the published ones for the public, with their own department's for staff.</summary>
    private List<Code> OpenCodes(CatalogListQuery query, Code? after, int count, Func<Code, bool> matches) =>
        query.Status == CatalogEntryStatus.Published || (!query.ViewerOversight && query.ViewerDepartment is null)
            ? _openPublished.Following(after, count, matches)
            : query.ViewerOversight || query.Status is not null ? _open.Following(after, count, matches)
            : Merge(
                _openPublished.Following(after, count, matches),
                _byProvider.GetValueOrDefault(query.ViewerDepartment!).Following(after, count, matches),
                count);

    /// <summary>The first <paramref name="count"/> codes of two code-ordered lists, in order, each once.</summary>
    private static List<Code> Merge(List<Code> a, List<Code> b, int count) =>
        a.Concat(b).Distinct().Order(Code.Order).Take(count).ToList();

    private readonly record struct Code(string Value)
    {
        public static readonly IComparer<Code> Order = Comparer<Code>.Create((a, b) => string.CompareOrdinal(a.Value, b.Value));
    }
}
