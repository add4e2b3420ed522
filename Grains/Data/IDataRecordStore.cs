using DataSharing.Common;

namespace DataSharing.Data;

/// <summary>
/// The records of catalog entries (Art 17) and the errors of their uploads: in memory in embedded mode, tables in
/// PostgreSQL in cluster mode (never grain state). An upload writes through one <see cref="IDataRecordWriter"/>,
/// whose rows become visible all at once when it commits, or not at all.
/// </summary>
public interface IDataRecordStore
{
    /// <summary>Opens the write of one upload. Only one upload of an entry is open at a time (its grain sees to it).</summary>
    Task<IDataRecordWriter> Begin(DataUploadTarget target, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens the load of one upload whose rows are checked outside the entry's grain (the API process, under a
    /// <see cref="DataUploadTicket"/>): the writer's <see cref="IDataRecordWriter.Commit"/> keeps its rows as the upload's
    /// stage, durable but read by nobody, until <see cref="Publish"/> applies it or <see cref="Discard"/> drops it. A
    /// writer disposed uncommitted (or a process that dies mid-load) leaves no stage.
    /// </summary>
    Task<IDataRecordWriter> Stage(DataUploadTarget target, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the upload's committed stage as <see cref="IDataRecordWriter.Commit"/> applies a writer's rows (atomically,
    /// with the same refusals) and removes the stage. Throws <see cref="InvalidOperationException"/> if the upload has no
    /// complete stage: nothing is then applied.
    /// </summary>
    Task Publish(DataUploadTarget target, CancellationToken cancellationToken = default);

    /// <summary>
    /// Drops the committed stages of an entry's uploads that will not be applied: <paramref name="uploadId"/>'s, or all
    /// of the entry's (those left by a loader that died between staging and the grain's commit).
    /// </summary>
    Task Discard(string entryCode, string? uploadId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of an entry's current records in key order (ordinal), with only the columns asked for (indexes into the
    /// entry's data items at the time of the upload that wrote them; a column a record does not have is null).
    /// </summary>
    Task<Page<DataRecord>> Read(string entryCode, IReadOnlyList<int> columns, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>How many records the entry has now.</summary>
    Task<long> Count(string entryCode, CancellationToken cancellationToken = default);

    /// <summary>
    /// The errors an upload reported (bad rows, rejected or quarantined), by line; kept until a later upload of the same
    /// entry commits, whose report then is the entry's.
    /// </summary>
    Task<Page<RowError>> Errors(string uploadId, PageRequest page, CancellationToken cancellationToken = default);
}

/// <summary>Where an upload goes: its id, the entry, how it applies, and which column is the key.</summary>
/// <param name="ColumnCount">The entry's data items when the upload began: every row has this many values.</param>
/// <param name="KeyColumn">The index of the key item for <see cref="UploadMode.Upsert"/>; null for a replacement of an
/// entry without a key, whose records are then keyed by their line (12 digits, zero-padded, so that key order is line
/// order).</param>
public sealed record DataUploadTarget(string UploadId, string EntryCode, UploadMode Mode, int ColumnCount, int? KeyColumn);

/// <summary>One open upload. Disposing it without <see cref="Commit"/> discards its rows (the errors stay reported).</summary>
public interface IDataRecordWriter : IAsyncDisposable
{
    /// <summary>
    /// Adds a good row (values in the order of the entry's data items, <see cref="DataUploadTarget.ColumnCount"/> of
    /// them) under its key, which is the value of its <see cref="DataUploadTarget.KeyColumn"/> if the upload has one. In an <see cref="UploadMode.Upsert"/> a key added twice keeps its later row. In a
    /// <see cref="UploadMode.Replace"/> the keys are distinct (the upload reports a repeated key as a row error): one
    /// that reaches the store makes <see cref="Commit"/> fail and nothing is applied.
    /// </summary>
    ValueTask Add(string key, string?[] values, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reports an error of a bad row; kept whether or not the upload commits (until a later upload of the entry commits),
    /// and readable by <see cref="IDataRecordStore.Errors"/> once <see cref="Commit"/> or disposal has returned. A row
    /// may have several.
    /// </summary>
    ValueTask Report(RowError error, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the upload atomically: <see cref="UploadMode.Replace"/> makes the added rows the entry's only records,
    /// <see cref="UploadMode.Upsert"/> inserts them or replaces the records with the same keys. Readers see the records
    /// before or after, never a mix. Throws if it could not (nothing is then applied); a repeated key in a Replace is a
    /// <see cref="ValidationFailedException"/> naming "key".
    /// </summary>
    Task Commit(CancellationToken cancellationToken = default);
}
