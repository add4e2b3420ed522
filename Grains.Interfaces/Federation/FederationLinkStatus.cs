namespace DataSharing.Federation;

/// <summary>The sending side of a link to one peer: what waits in the outbox and how delivery goes.</summary>
[GenerateSerializer, Immutable, Alias("FederationLinkStatus")]
public sealed record FederationLinkStatus(
    [property: Id(0)] string Peer,
    [property: Id(1)] int OutboxDepth,
    [property: Id(2)] DateTimeOffset? OldestUndelivered,
    [property: Id(3)] long NextSequence,
    [property: Id(4)] long Sent,
    [property: Id(5)] long Delivered,
    [property: Id(6)] long FailedAttempts,
    [property: Id(7)] DateTimeOffset? LastDeliveredAt,
    [property: Id(8)] double? LastDeliveryLagSeconds,
    [property: Id(9)] string? LastError);
