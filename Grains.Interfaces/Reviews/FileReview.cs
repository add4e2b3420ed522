namespace DataSharing.Reviews;

/// <summary>A review application: which data is doubted, why, and where it is filed.</summary>
[GenerateSerializer, Alias("FileReview")]
public sealed record FileReview(
    [property: Id(0)] string EntryCode,
    [property: Id(1)] IReadOnlyList<string> DataItems,
    [property: Id(2)] string Description,
    [property: Id(3)] ReviewRoute Route,
    [property: Id(4)] string? Evidence = null);
