using DataSharing.Common;

namespace DataSharing.Data;

/// <summary>
/// The embedded-mode records: each entry's records in a set sorted by key (ordinal, as PostgreSQL's COLLATE "C"
/// compares them), so a page is O(log n + limit); each upload's errors in (line, report) order, appended in O(1).
/// An upload's rows wait in its writer and are applied under the store's lock when it commits (a replacement swaps in
/// the set it built, an upsert changes only its keys), and readers page under the same lock: they see the records
/// before or after an upload, never a mix.
/// </summary>
public sealed class InMemoryDataRecordStore : IDataRecordStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedSet<Record>> _entries = new(StringComparer.Ordinal);
    /// <summary>The item each entry's records are keyed by, null for by line (as the PostgreSQL store's versions record it).</summary>
    private readonly Dictionary<string, int?> _keyColumns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ReportedError>> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _reportingUploads = new(StringComparer.Ordinal);
    /// <summary>Committed stages by upload id: writers whose rows wait for <see cref="Publish"/>.</summary>
    private readonly Dictionary<string, Writer> _stages = new(StringComparer.Ordinal);

    public Task<IDataRecordWriter> Begin(DataUploadTarget target, CancellationToken cancellationToken = default) =>
        Task.FromResult<IDataRecordWriter>(new Writer(this, target, staged: false));

    public Task<IDataRecordWriter> Stage(DataUploadTarget target, CancellationToken cancellationToken = default) =>
        Task.FromResult<IDataRecordWriter>(new Writer(this, target, staged: true));

    public Task Publish(DataUploadTarget target, CancellationToken cancellationToken = default)
    {
        Writer? stage;
        lock (_gate)
        {
            stage = _stages.GetValueOrDefault(target.UploadId) is { } staged && staged.Target.EntryCode == target.EntryCode ? staged : null;
            _stages.Remove(stage?.Target.UploadId ?? "");
        }

        if (stage is null)
        {
            throw new InvalidOperationException($"Upload {target.UploadId} of {target.EntryCode} has no complete stage.");
        }

        stage.Apply();
        return Task.CompletedTask;
    }

    public Task Discard(string entryCode, string? uploadId = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var (id, _) in _stages.Where(s => s.Value.Target.EntryCode == entryCode && (uploadId is null || s.Key == uploadId)).ToList())
            {
                _stages.Remove(id);
            }
        }

        return Task.CompletedTask;
    }

    private void Staged(Writer writer)
    {
        lock (_gate)
        {
            _stages[writer.Target.UploadId] = writer;
        }
    }

    public Task<Page<DataRecord>> Read(string entryCode, IReadOnlyList<int> columns, PageRequest page, CancellationToken cancellationToken = default)
    {
        DataRecordRows.CheckColumns(columns);
        var after = DataCursors.KeyAfter(page) is { } key ? new Record(key, []) : (Record?)null;
        List<Record> records;
        lock (_gate)
        {
            records = _entries.GetValueOrDefault(entryCode).Following(after, page.Limit + 1);
        }

        // A record's values are never changed once stored (an upsert stores a new record), so they are read unlocked.
        var projected = records.Select(r => new DataRecord(r.Key, columns.Select(c => c < r.Values.Length ? r.Values[c] : null).ToList())).ToList();
        return Task.FromResult(Page<DataRecord>.Of(projected, page.Limit, DataCursors.Of));
    }

    public Task<long> Count(string entryCode, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult((long)(_entries.GetValueOrDefault(entryCode)?.Count ?? 0));
        }
    }

    public Task<Page<RowError>> Errors(string uploadId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var after = DataCursors.ErrorAfter(page);
        lock (_gate)
        {
            if (!_errors.TryGetValue(uploadId, out var errors))
            {
                return Task.FromResult(Page<RowError>.Empty);
            }

            var fetched = new List<(RowError, long)>(page.Limit + 1);
            for (var at = FirstAfter(errors, after.Line, after.Ordinal); at < errors.Count && fetched.Count <= page.Limit; at++)
            {
                fetched.Add((errors[at].Error, errors[at].Ordinal));
            }

            return Task.FromResult(DataCursors.ErrorPage(fetched, page.Limit));
        }
    }

    private void Report(DataUploadTarget target, RowError error)
    {
        lock (_gate)
        {
            if (!_errors.TryGetValue(target.UploadId, out var errors))
            {
                _errors[target.UploadId] = errors = [];
                if (!_reportingUploads.TryGetValue(target.EntryCode, out var uploads))
                {
                    _reportingUploads[target.EntryCode] = uploads = new HashSet<string>(StringComparer.Ordinal);
                }

                uploads.Add(target.UploadId);
            }

            // An upload reads its file front to back, so an error almost always comes last (O(1)); one reported out of
            // line order is inserted after the errors of its line, keeping the list in (line, ordinal) order.
            var reported = new ReportedError(error, errors.Count);
            if (errors.Count == 0 || errors[^1].Error.Line <= error.Line)
            {
                errors.Add(reported);
            }
            else
            {
                errors.Insert(FirstAfter(errors, error.Line, long.MaxValue), reported);
            }
        }
    }

    private void Replace(DataUploadTarget target, SortedSet<Record> records)
    {
        lock (_gate)
        {
            _entries[target.EntryCode] = records;
            _keyColumns[target.EntryCode] = target.KeyColumn;
            PurgeEarlierErrors(target);
        }
    }

    private void Upsert(DataUploadTarget target, Dictionary<string, string?[]> rows)
    {
        lock (_gate)
        {
            if (_keyColumns.TryGetValue(target.EntryCode, out var keyColumn) && keyColumn is not null && keyColumn != target.KeyColumn)
            {
                throw DataRecordRows.KeyItemChanged();
            }

            _keyColumns.TryAdd(target.EntryCode, target.KeyColumn);
            PurgeEarlierErrors(target);
            var records = _entries.IndexOf(target.EntryCode, Record.Order);
            foreach (var (key, values) in rows)
            {
                var record = new Record(key, values);
                records.Remove(record);
                records.Add(record);
            }
        }
    }

    /// <summary>A committed upload's report is the one kept of its entry (as the PostgreSQL writer purges at commit).</summary>
    private void PurgeEarlierErrors(DataUploadTarget target)
    {
        if (_reportingUploads.TryGetValue(target.EntryCode, out var uploads))
        {
            uploads.RemoveWhere(upload => upload != target.UploadId && _errors.Remove(upload));
        }
    }

    /// <summary>The position of the first error after (<paramref name="line"/>, <paramref name="ordinal"/>).</summary>
    private static int FirstAfter(List<ReportedError> errors, long line, long ordinal)
    {
        int low = 0, high = errors.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            var at = errors[middle];
            if (at.Error.Line < line || (at.Error.Line == line && at.Ordinal <= ordinal))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>A record under its key; sets of records compare the key alone.</summary>
    private readonly record struct Record(string Key, string?[] Values)
    {
        public static readonly IComparer<Record> Order = Comparer<Record>.Create((a, b) => string.CompareOrdinal(a.Key, b.Key));
    }

    /// <summary>An error and the order it was reported in within its upload (a line may have several).</summary>
    private readonly record struct ReportedError(RowError Error, long Ordinal);

    /// <summary>
    /// One upload: a replacement builds the entry's new set as rows come (embedded mode holds every record in memory
    /// anyway), an upsert collects its rows by key (a later row of a key replaces the earlier one). Nothing reaches the
    /// store before <see cref="Commit"/>, except the errors; a staged writer's commit only hands its rows to the store
    /// to wait for <see cref="Publish"/>.
    /// </summary>
    private sealed class Writer(InMemoryDataRecordStore store, DataUploadTarget target, bool staged) : IDataRecordWriter
    {
        public DataUploadTarget Target => target;

        private readonly SortedSet<Record> _replacement = new(Record.Order);
        private readonly Dictionary<string, string?[]> _upserts = new(StringComparer.Ordinal);
        private string? _repeatedKey;
        private bool _closed;

        public ValueTask Add(string key, string?[] values, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            DataRecordRows.Check(target, key, values);
            // A copy: the caller may reuse its array for the next row, as the PostgreSQL writer lets it.
            var copy = (string?[])values.Clone();
            if (target.Mode == UploadMode.Upsert)
            {
                _upserts[key] = copy;
            }
            else if (!_replacement.Add(new Record(key, copy)))
            {
                _repeatedKey ??= key;
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask Report(RowError error, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            store.Report(target, error);
            return ValueTask.CompletedTask;
        }

        public Task Commit(CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _closed = true;
            if (staged)
            {
                store.Staged(this);
            }
            else
            {
                Apply();
            }

            return Task.CompletedTask;
        }

        /// <summary>Applies the rows (refusing a replacement that repeats a key, as the PostgreSQL store's key does).</summary>
        public void Apply()
        {
            if (_repeatedKey is { } repeated)
            {
                throw DataRecordRows.RepeatedKey(repeated);
            }

            if (target.Mode == UploadMode.Upsert)
            {
                store.Upsert(target, _upserts);
            }
            else
            {
                store.Replace(target, _replacement);
            }
        }

        public ValueTask DisposeAsync()
        {
            _closed = true;
            return ValueTask.CompletedTask;
        }
    }
}
