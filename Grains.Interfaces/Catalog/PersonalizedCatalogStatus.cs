namespace DataSharing.Catalog;

public enum PersonalizedCatalogStatus
{
    /// <summary>The city data authority asked; the provincial data authority has yet to decide.</summary>
    Pending,
    Approved,
    Rejected,
}
