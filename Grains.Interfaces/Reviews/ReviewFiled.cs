using DataSharing.Common;

namespace DataSharing.Reviews;

/// <summary>
/// A review of another platform's entry as the applicant's platform sends it there (Art 23, 26): the application and
/// who filed it on the applicant's platform. The owner of the entry owns the case; the applicant's platform keeps a copy.
/// </summary>
[GenerateSerializer, Immutable, Alias("ReviewFiled")]
public sealed record ReviewFiled(
    [property: Id(0)] FileReview Application,
    [property: Id(1)] Actor Applicant,
    [property: Id(2)] DateTimeOffset FiledAt);
