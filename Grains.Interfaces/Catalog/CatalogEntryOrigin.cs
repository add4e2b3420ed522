namespace DataSharing.Catalog;

/// <summary>
/// On a copy of another platform's entry (Art 23): the platform that owns it, the peer that delivered it (the same,
/// or the province relaying a city's entry), the owner's act number (orders the copies: an older one is never
/// applied over a newer) and when this platform received it, which says how old the copy may be.
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogEntryOrigin")]
public sealed record CatalogEntryOrigin(
    [property: Id(0)] string Platform,
    [property: Id(1)] string Via,
    [property: Id(2)] long Act,
    [property: Id(3)] DateTimeOffset ReportedAt);
