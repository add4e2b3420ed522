using DataSharing.Common;
using DataSharing.Quality;

namespace DataSharing.Data;

/// <summary>A quality check of an entry's stored records (Art 19): when, by whom (the platform for a periodic one), and its report.</summary>
[GenerateSerializer, Immutable, Alias("DataQualityCheck")]
public sealed record DataQualityCheck(
    [property: Id(0)] DateTimeOffset CheckedAt,
    [property: Id(1)] Actor By,
    [property: Id(2)] QualityReport Report);
