using DataSharing.Common;

namespace DataSharing.Catalog;

/// <summary>
/// Every version of every catalog entry (Art 38: each edit kept with who made it): in memory in embedded mode
/// (<see cref="InMemoryCatalogHistoryStore"/>), table catalog_versions in cluster mode. An entry keeps a new version in
/// its state until the store has it, and appending is idempotent by (code, version), so a retried append never doubles one.
/// </summary>
public interface ICatalogHistoryStore
{
    Task Append(string code, IReadOnlyList<CatalogEntryVersion> versions);

    /// <summary>The versions of entry <paramref name="code"/>, oldest first.</summary>
    Task<Page<CatalogEntryVersion>> List(string code, PageRequest page);
}
