namespace DataSharing.Federation;

/// <summary>The receiving side of a link from one peer.</summary>
[GenerateSerializer, Immutable, Alias("FederationInboxStatus")]
public sealed record FederationInboxStatus(
    [property: Id(0)] string Peer,
    [property: Id(1)] long Expected,
    [property: Id(2)] long Applied,
    [property: Id(3)] long Duplicates,
    [property: Id(4)] long Gaps,
    [property: Id(5)] long Rejected,
    [property: Id(6)] string? LastRejection);
