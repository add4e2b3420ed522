using DataSharing.Common;

namespace DataSharing.Catalog;

/// <summary>
/// The catalog list, a page at a time in code order. A stateless worker: the rows live in the hosting mode's catalog
/// store, written by the entries themselves, not in a grain.
/// </summary>
public interface ICatalogListGrain : IGrainWithIntegerKey
{
    /// <summary>The entries the query names and its viewer may see, by code (ordinal).</summary>
    Task<Page<CatalogEntrySummary>> List(CatalogListQuery query, PageRequest page);
}
