namespace DataSharing.Data;

/// <summary>How a provider wants one upload handled; <see cref="Format"/> is "csv" or "json" (for the record).</summary>
[GenerateSerializer, Immutable, Alias("DataUploadRequest")]
public sealed record DataUploadRequest(
    [property: Id(0)] UploadMode Mode,
    [property: Id(1)] BadRowPolicy BadRows,
    [property: Id(2)] string Format);
