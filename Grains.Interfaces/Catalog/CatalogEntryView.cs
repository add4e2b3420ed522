namespace DataSharing.Catalog;

[GenerateSerializer, Immutable, Alias("CatalogEntryView")]
public sealed record CatalogEntryView(
    [property: Id(0)] string Code,
    [property: Id(1)] CatalogEntryStatus Status,
    [property: Id(2)] int Version,
    [property: Id(3)] CatalogEntryContent Content,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] DateTimeOffset? PublishedAt,
    [property: Id(7)] string? RetiredReason,
    [property: Id(8)] IReadOnlyList<string>? UnderReview = null,
    [property: Id(9)] string? PersonalizedConsent = null,
    [property: Id(10)] IReadOnlyList<string>? SuspendedBy = null,
    [property: Id(11)] IReadOnlyList<EmergencyOpenMark>? EmergencyOpenings = null,
    [property: Id(12)] OpenData.OpeningRecord? Opening = null,
    [property: Id(13)] CatalogEntryOrigin? Origin = null)
{
    /// <summary>Art 23: a read-only copy of another platform's entry, kept up to date by that platform.</summary>
    public bool IsCopy => Origin is not null;

    /// <summary>Art 14: an entry of a city's personalized catalog that the provincial data authority consented to.</summary>
    public bool IsPersonalized => PersonalizedConsent is not null;

    /// <summary>Art 26: marked wherever it is returned while a review of it is open.</summary>
    public bool IsUnderReview => UnderReview is { Count: > 0 };

    /// <summary>Art 41: the incidents (ids in <see cref="SuspendedBy"/>) that suspended every use of the entry's data.</summary>
    public bool IsSuspended => SuspendedBy is { Count: > 0 };

    /// <summary>
    /// Art 35: opened for an emergency (reasons and expiries in <see cref="EmergencyOpenings"/>). The mark goes when the
    /// opening ends; between its expiry and that moment <see cref="ICatalogEntryGrain.EmergencyOpeningNow"/> already says no.
    /// </summary>
    public bool EmergencyOpen => EmergencyOpenings is { Count: > 0 };
}
