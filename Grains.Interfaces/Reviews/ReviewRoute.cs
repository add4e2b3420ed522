namespace DataSharing.Reviews;

/// <summary>Where a review was filed (Art 26): with the providing department, or through the platform.</summary>
public enum ReviewRoute
{
    Provider,
    Platform,
}
