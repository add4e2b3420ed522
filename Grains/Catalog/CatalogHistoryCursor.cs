using DataSharing.Common;

namespace DataSharing.Catalog;

/// <summary>The cursor of an entry's version history (both stores): the last version served.</summary>
public static class CatalogHistoryCursor
{
    private const string List = "catalog-versions";

    public static string Of(CatalogEntryVersion version) => Cursor.For(List, Cursor.Of(version.Version));

    /// <summary>The version after which the page starts (0 for the first page).</summary>
    public static int After(PageRequest page) =>
        Cursor.PartsFor(page.After, List, 1) is { } parts ? (int)Math.Clamp(Cursor.Long(parts[0]), 0, int.MaxValue) : 0;
}
