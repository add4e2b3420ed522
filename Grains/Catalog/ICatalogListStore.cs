using DataSharing.Common;

namespace DataSharing.Catalog;

/// <summary>
/// Where the catalog list's rows live: in memory in embedded mode (<see cref="InMemoryCatalogListStore"/>), table
/// catalog_rows in cluster mode. An entry upserts its row after every write and on every activation: a newer version
/// replaces it, and so does a changed copy of the same version (the Art 14 consent mark is not a new version of the
/// content); an older one never does. Visibility is part of the query, so a page is full whatever the viewer may not see.
/// </summary>
public interface ICatalogListStore
{
    Task Upsert(CatalogEntrySummary row);

    /// <summary>The entries <paramref name="query"/> names and its viewer may see, by code (ordinal).</summary>
    Task<Page<CatalogEntrySummary>> List(CatalogListQuery query, PageRequest page);
}
