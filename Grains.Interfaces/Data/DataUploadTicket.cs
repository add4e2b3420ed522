using DataSharing.Catalog;

namespace DataSharing.Data;

/// <summary>
/// Leave for the API process to load one upload's rows itself (cluster mode): the entry's grain opened the upload and
/// keeps its state machine (Art 17, 19), the holder checks the rows against <see cref="Items"/> under the upload's
/// bad-row policy, COPYs the good ones into the upload's stage (unseen by readers) and reports; only the grain applies
/// the stage. The grain honours a ticket only while it is its open upload's, by <see cref="Token"/>, until
/// <see cref="ExpiresAt"/> (its own copy of it, not the one shown back).
/// </summary>
/// <param name="Upload">The upload as opened: its id, entry, mode and bad-row policy.</param>
/// <param name="Items">The entry's data items when the upload began, in the order of the stage's columns.</param>
/// <param name="KeyColumn">The index of the entry's key item, null when its records are keyed by line.</param>
/// <param name="ExpiresAt">After this the upload is given up, applied or not.</param>
/// <param name="Token">The grain's secret for this upload: a ticket made up elsewhere does not have it.</param>
[GenerateSerializer, Immutable, Alias("DataUploadTicket")]
public sealed record DataUploadTicket(
    [property: Id(0)] DataUploadView Upload,
    [property: Id(1)] IReadOnlyList<DataItem> Items,
    [property: Id(2)] int? KeyColumn,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] string Token);
