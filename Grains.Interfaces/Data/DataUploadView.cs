using DataSharing.Common;

namespace DataSharing.Data;

/// <summary>
/// One upload of an entry's records and how far it got: rows received so far (its progress while
/// <see cref="DataUploadStatus.Receiving"/>), applied, and with errors (quarantined or, under Reject, the reason).
/// </summary>
[GenerateSerializer, Immutable, Alias("DataUploadView")]
public sealed record DataUploadView(
    [property: Id(0)] string Id,
    [property: Id(1)] string EntryCode,
    [property: Id(2)] DataUploadRequest Request,
    [property: Id(3)] DataUploadStatus Status,
    [property: Id(4)] long RowsReceived,
    [property: Id(5)] long RowsApplied,
    [property: Id(6)] long RowsWithErrors,
    [property: Id(7)] DateTimeOffset StartedAt,
    [property: Id(8)] DateTimeOffset? FinishedAt,
    [property: Id(9)] Actor By,
    [property: Id(10)] string? Problem = null,
    [property: Id(11)] Quality.QualityReport? Quality = null);
