using DataSharing.Common;

namespace DataSharing.Sharing;

/// <summary>The provider's answer (or the platform's, for Unconditional and NotShared entries).</summary>
[GenerateSerializer, Immutable, Alias("ShareAnswer")]
public sealed record ShareAnswer(
    [property: Id(0)] bool Approved,
    [property: Id(1)] string? Reason,
    [property: Id(2)] string? LegalBasis,
    [property: Id(3)] DateTimeOffset AnsweredAt,
    [property: Id(4)] Actor AnsweredBy,
    [property: Id(5)] bool Late);
