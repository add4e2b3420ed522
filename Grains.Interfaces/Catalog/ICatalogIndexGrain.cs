namespace DataSharing.Catalog;

/// <summary>The catalog list of this cluster (a singleton: key <see cref="Key"/>), fed by the entries themselves.</summary>
public interface ICatalogIndexGrain : IGrainWithStringKey
{
    const string Key = "catalog";

    Task Upsert(CatalogEntrySummary summary);

    Task<IReadOnlyList<CatalogEntrySummary>> List();
}
