using DataSharing.Common;

namespace DataSharing.Catalog;

[GenerateSerializer, Alias("CatalogEntryVersion")]
public sealed record CatalogEntryVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] CatalogEntryContent Content,
    [property: Id(2)] Actor EditedBy,
    [property: Id(3)] DateTimeOffset EditedAt,
    [property: Id(4)] string? Note);
