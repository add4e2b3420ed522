namespace DataSharing.Federation;

/// <summary>A message in a link's outbox, numbered in the link's sequence; kept until the peer acknowledges it.</summary>
[GenerateSerializer, Immutable, Alias("OutboundMessage")]
public sealed record OutboundMessage(
    [property: Id(0)] long Sequence,
    [property: Id(1)] FederationMessage Message,
    [property: Id(2)] DateTimeOffset EnqueuedAt);
