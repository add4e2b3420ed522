using DataSharing.Common;
using Orleans.Concurrency;

namespace DataSharing.Catalog;

[StatelessWorker, Reentrant]
public sealed class CatalogListGrain(ICatalogListStore store, CatalogEntryCache cache) : Grain, ICatalogListGrain
{
    public Task<Page<CatalogEntrySummary>> List(CatalogListQuery query, PageRequest page) => store.List(query, page);

    public async Task<Page<CatalogEntryView>> Entries(CatalogListQuery query, PageRequest page)
    {
        var rows = await store.List(query, page);
        var entries = await Task.WhenAll(rows.Items.Select(row => Whole(row).AsTask()));
        // The row decided what the page holds; the entry as read is checked again, so a moment-old row never shows
        // what the viewer may no longer see (an entry just made NonOpen, or retired, drops out of this page).
        return new Page<CatalogEntryView>(
            entries.OfType<CatalogEntryView>().Where(e => query.Matches(CatalogEntrySummary.Of(e))).ToList(),
            rows.Next);
    }

    /// <summary>The entry of a row; a cached copy older than the row is read afresh.</summary>
    private async ValueTask<CatalogEntryView?> Whole(CatalogEntrySummary row) =>
        await cache.Get(row.Code) is { } cached && cached.Version >= row.Version && cached.Status == row.Status
            ? cached
            : await cache.Get(row.Code, fresh: true);
}
