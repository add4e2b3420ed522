namespace DataSharing.Federation;

/// <summary>How far the catalog has been handed to a peer: entries sent so far, and whether every page was.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHandoverStatus")]
public sealed record CatalogHandoverStatus(
    [property: Id(0)] bool Done,
    [property: Id(1)] long EntriesSent,
    [property: Id(2)] DateTimeOffset? DoneAt);
