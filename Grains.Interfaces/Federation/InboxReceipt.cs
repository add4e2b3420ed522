namespace DataSharing.Federation;

/// <param name="Expected">The next sequence number the receiver will apply: after a gap, where the sender resends from.</param>
[GenerateSerializer, Immutable, Alias("InboxReceipt")]
public sealed record InboxReceipt(
    [property: Id(0)] InboxOutcome Outcome,
    [property: Id(1)] long Expected);
