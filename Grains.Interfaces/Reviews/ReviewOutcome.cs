using DataSharing.Common;

namespace DataSharing.Reviews;

[GenerateSerializer, Alias("ReviewOutcome")]
public sealed record ReviewOutcome(
    [property: Id(0)] bool Corrected,
    [property: Id(1)] string Explanation,
    [property: Id(2)] int? CorrectedEntryVersion,
    [property: Id(3)] Actor AnsweredBy,
    [property: Id(4)] DateTimeOffset AnsweredAt,
    [property: Id(5)] bool Late);
