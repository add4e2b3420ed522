namespace DataSharing.Conflicts;

/// <summary>Who opened a conflict (Art 27): a party department, the platform, or the automatic comparison of catalogs.</summary>
public enum ConflictOrigin
{
    Department,
    Platform,
    Automatic,
}
