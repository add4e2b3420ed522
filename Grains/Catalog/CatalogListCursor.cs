using DataSharing.Common;

namespace DataSharing.Catalog;

/// <summary>The cursor of the catalog list (both stores): the code of the last entry served.</summary>
public static class CatalogListCursor
{
    private const string List = "catalog";

    public static string Of(CatalogEntrySummary entry) => Cursor.For(List, entry.Code);

    public static string? After(PageRequest page) => Cursor.PartsFor(page.After, List, 1)?[0];
}
