using DataSharing.Common;
using Orleans.Concurrency;

namespace DataSharing.Catalog;

[StatelessWorker, Reentrant]
public sealed class CatalogListGrain(ICatalogListStore store) : Grain, ICatalogListGrain
{
    public Task<Page<CatalogEntrySummary>> List(CatalogListQuery query, PageRequest page) => store.List(query, page);
}
