namespace DataSharing.Federation;

/// <summary>A message whose signature, sender, addressee and age the receiving API has checked.</summary>
/// <param name="Token">The signed message as received, for the federation log.</param>
[GenerateSerializer, Immutable, Alias("InboundMessage")]
public sealed record InboundMessage(
    [property: Id(0)] long Sequence,
    [property: Id(1)] FederationMessage Message,
    [property: Id(2)] DateTimeOffset SentAt,
    [property: Id(3)] string Token);
