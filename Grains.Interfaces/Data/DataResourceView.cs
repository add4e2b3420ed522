namespace DataSharing.Data;

/// <summary>
/// The state of an entry's data (Art 17): how many records it has, when they were last updated, and whether that is
/// in time for the entry's update frequency (<see cref="DueBy"/>: the end of the day by which the next update is due).
/// </summary>
[GenerateSerializer, Immutable, Alias("DataResourceView")]
public sealed record DataResourceView(
    [property: Id(0)] string EntryCode,
    [property: Id(1)] long Records,
    [property: Id(2)] DateTimeOffset? LastUpdatedAt,
    [property: Id(3)] DateTimeOffset? DueBy,
    [property: Id(4)] bool Stale,
    [property: Id(5)] int? DaysStale,
    [property: Id(6)] DataUploadView? LastUpload);
