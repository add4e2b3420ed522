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

    /// <summary>
    /// The same page as <see cref="List"/>, each entry whole (for the DCAT document and the spreadsheet export), read
    /// from the silo's entry cache; an entry that no longer matches the query when read is left out of the page.
    /// </summary>
    Task<Page<CatalogEntryView>> Entries(CatalogListQuery query, PageRequest page);
}
