namespace DataSharing.Catalog;

public enum CatalogEntryStatus
{
    Draft,
    Published,
    Retired,
}
