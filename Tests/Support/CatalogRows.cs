using DataSharing.Catalog;
using DataSharing.Common;

namespace DataSharing.Tests.Support;

public static class CatalogRows
{
    /// <summary>An entry's row in the catalog list, as oversight sees it (its marks included).</summary>
    public static async Task<CatalogEntrySummary> Listed(IGrainFactory grains, string code) =>
        (await grains.GetGrain<ICatalogListGrain>(0).List(new CatalogListQuery(null, ViewerOversight: true, Provider: CatalogCodes.DepartmentOf(code)),
            new PageRequest(PageRequest.MaxLimit))).Items.Single(e => e.Code == code);
}
