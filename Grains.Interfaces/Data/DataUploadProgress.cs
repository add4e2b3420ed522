using DataSharing.Quality;

namespace DataSharing.Data;

/// <summary>
/// What the holder of a <see cref="DataUploadTicket"/> has checked so far: rows read and rows with errors, and at the
/// end the upload's quality report (Art 19), which the grain keeps with the upload.
/// </summary>
[GenerateSerializer, Immutable, Alias("DataUploadProgress")]
public sealed record DataUploadProgress(
    [property: Id(0)] long RowsReceived,
    [property: Id(1)] long RowsWithErrors,
    [property: Id(2)] QualityReport? Quality = null);
