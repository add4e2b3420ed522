using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>
/// A requester's withdrawal of a request another platform owns (Art 23, 25), as its platform sends it there: who
/// withdrew it on the requester's platform, why, and when.
/// </summary>
[GenerateSerializer, Immutable, Alias("WithdrawalAsked")]
public sealed record WithdrawalAsked(
    [property: Id(0)] string? Reason,
    [property: Id(1)] Actor By,
    [property: Id(2)] DateTimeOffset At);
