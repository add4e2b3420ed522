using DataSharing.Common;

namespace DataSharing.CatalogChanges;

/// <summary>One Art 15 obligation, keyed by change id.</summary>
public interface ICatalogChangeGrain : IDeadlineBearer
{
    Task<CatalogChangeView> Declare(DeclareCatalogChange declaration, Actor by);

    /// <summary>The department has updated its catalog; the report deadline starts.</summary>
    Task<CatalogChangeView> RecordUpdate(string? note, Actor by);

    /// <summary>The updated catalog and the basis of the change are reported to the data authority.</summary>
    Task<CatalogChangeView> Report(string report, Actor by);

    Task<CatalogChangeView?> Get();
}
