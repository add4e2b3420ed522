namespace DataSharing.Catalog;

/// <summary>
/// What the catalog list shows of an entry, with its marks: every use suspended by an incident (Art 41), opened for an
/// emergency (Art 35). The marks change no version of the entry; the row follows them all the same.
/// </summary>
[GenerateSerializer, Alias("CatalogEntrySummary")]
public sealed record CatalogEntrySummary(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string Classification,
    [property: Id(3)] string ProviderDepartment,
    [property: Id(4)] ShareType ShareType,
    [property: Id(5)] OpenType OpenType,
    [property: Id(6)] CatalogEntryStatus Status,
    [property: Id(7)] int Version,
    [property: Id(8)] DateTimeOffset UpdatedAt,
    [property: Id(9)] bool IsPersonalized = false,
    [property: Id(10)] bool IsSuspended = false,
    [property: Id(11)] bool EmergencyOpen = false,
    [property: Id(12)] string? OriginPlatform = null,
    [property: Id(13)] DateTimeOffset? ReportedAt = null)
{
    /// <summary>The row of <paramref name="entry"/> as it is now.</summary>
    public static CatalogEntrySummary Of(CatalogEntryView entry) => new(
        entry.Code, entry.Content.Name, entry.Content.Classification, entry.Content.ProviderDepartment,
        entry.Content.ShareType, entry.Content.OpenType, entry.Status, entry.Version, entry.UpdatedAt, entry.IsPersonalized,
        entry.IsSuspended, entry.EmergencyOpen, entry.Origin?.Platform, entry.Origin?.ReportedAt);
}
