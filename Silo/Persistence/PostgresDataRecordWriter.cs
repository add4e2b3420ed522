using DataSharing.Data;
using Npgsql;
using NpgsqlTypes;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// One upload of an entry's records (migration 0014): one connection and one transaction from <see cref="Open"/> to
/// <see cref="Commit"/>, the good rows streamed to the server by binary COPY as they are added (the writer holds at
/// most a chunk of encoded rows, see <see cref="BinaryCopyRows"/>), the errors inserted in batches on other
/// connections of the pool, outside that transaction.
/// </summary>
/// <remarks>
/// <para><b>Replace</b> creates the new version's table in the transaction and COPYs into it with no index (FREEZE:
/// the table is the transaction's own, so its rows are written final and no later read or vacuum rewrites them). At
/// <see cref="Commit"/> the primary key is built in one sort, the entry's pointer in data_record_versions is moved to
/// the new table and the previous version's table dropped, all in the transaction: readers follow the pointer to one
/// version or the other, never a mix, and a failure anywhere leaves the previous version served (the new table was
/// never visible). Building the key after the load is what brings a replacement near a plain COPY: a COPY into an
/// indexed table inserts a million keys one by one into a B-tree that outgrows the cache; and the drop replaces a
/// DELETE of every old row (then vacuumed) by unlinking a file. A replacement's keys must be distinct: building the
/// primary key refuses a repeated one, so <see cref="Commit"/> fails and nothing is applied (the errors kept).
/// Letting the later row win instead would cost every replacement, repeated keys or not, a second pass, or the writer
/// a set of every key; a dataset that gives one key twice is a fault of the data the provider should hear of, and the
/// upload reports it as a row error when it can tell (see <see cref="IDataRecordWriter.Add"/>). An entry without a
/// key item is keyed by line, distinct by construction. The key of an entry with a key item is that item's column
/// (stored once, not again beside it); an entry without one has a key column of its own.</para>
/// <para><b>Upsert</b> copies into a temporary table (dropped at commit), then merges it into the current version's
/// table (created with its key if the entry has none yet, widened if the entry has more data items than it has
/// columns) in one <c>INSERT ... SELECT DISTINCT ON (key) ... ORDER BY key, ordinal DESC ... ON CONFLICT DO UPDATE</c>:
/// the later row of a repeated key wins (its ordinal, the order rows were added, is higher), and one statement never
/// updates a row twice, which PostgreSQL refuses. The staging is needed anyway, since COPY itself cannot update.</para>
/// <para>Both purge, at commit, the errors of the entry's earlier uploads: the report kept is the latest upload's.</para>
/// </remarks>
public sealed class PostgresDataRecordWriter : IDataRecordWriter
{
    /// <summary>The key column of a version whose keys are not a data item's: the line, or a key of the old layout (0014).</summary>
    private const string LineKey = "key";

    /// <summary>Errors inserted per statement: a bad file of a million rows costs a thousand round trips, not a million.</summary>
    private const int ErrorBatch = 1000;

    private readonly NpgsqlDataSource _database;
    private readonly DataUploadTarget _target;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string? _newTable;
    private readonly string _keyColumn;
    private readonly List<(RowError Error, long Ordinal)> _pendingErrors = [];
    private BinaryCopyRows? _copy;
    private long _added;
    private long _reported;
    private bool _committed;
    private bool _disposed;

    private PostgresDataRecordWriter(NpgsqlDataSource database, DataUploadTarget target, NpgsqlConnection connection,
        NpgsqlTransaction transaction, string? newTable, BinaryCopyRows copy)
    {
        (_database, _target, _connection, _transaction, _newTable, _copy) = (database, target, connection, transaction, newTable, copy);
        _keyColumn = KeyColumnOf(target);
    }

    public static async Task<PostgresDataRecordWriter> Open(NpgsqlDataSource database, DataUploadTarget target, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var items = ItemColumns(0, target.ColumnCount);
            string? newTable = null;
            if (target.Mode == UploadMode.Replace)
            {
                newTable = await NewTableName(connection, transaction, cancellationToken);
                await Execute(connection, transaction, CreateTable(newTable, target.ColumnCount, target.KeyColumn, withKey: false), cancellationToken);
            }
            else
            {
                await Execute(connection, transaction,
                    $"""CREATE TEMP TABLE upload_rows (ordinal bigint NOT NULL, key text COLLATE "C" NOT NULL{Typed(items)}) ON COMMIT DROP""",
                    cancellationToken);
            }

            var copy = await BinaryCopyRows.Begin(connection, newTable is null
                ? $"COPY upload_rows (ordinal, key{Listed(items)}) FROM STDIN (FORMAT BINARY)"
                : target.KeyColumn is null
                    ? $"COPY {Quoted(newTable)} (key{Listed(items)}) FROM STDIN (FORMAT BINARY, FREEZE)"
                    : $"COPY {Quoted(newTable)} ({string.Join(", ", items)}) FROM STDIN (FORMAT BINARY, FREEZE)", cancellationToken);
            return new PostgresDataRecordWriter(database, target, connection, transaction, newTable, copy);
        }
        catch
        {
            // Closing the connection rolls back whatever was begun on it, the new table included.
            await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask Add(string key, string?[] values, CancellationToken cancellationToken = default)
    {
        var copy = _copy ?? throw new ObjectDisposedException(nameof(PostgresDataRecordWriter));
        DataRecordRows.Check(_target, key, values);
        // A replacement keyed by an item stores the key once, in the item's column.
        return _newTable is null ? copy.Add(_added++, key, values, cancellationToken)
            : copy.Add(null, _target.KeyColumn is null ? key : null, values, cancellationToken);
    }

    public async ValueTask Report(RowError error, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed || _committed, this);
        _pendingErrors.Add((error, _reported++));
        if (_pendingErrors.Count >= ErrorBatch)
        {
            await FlushErrors(cancellationToken);
        }
    }

    public async Task Commit(CancellationToken cancellationToken = default)
    {
        var copy = _copy ?? throw new ObjectDisposedException(nameof(PostgresDataRecordWriter));
        _copy = null;
        await using (copy)
        {
            await copy.Complete(cancellationToken);
        }

        var current = await CurrentVersion(cancellationToken);
        if (_newTable is not null)
        {
            await Replace(_newTable, current?.Table, cancellationToken);
        }
        else
        {
            await Upsert(current, cancellationToken);
        }

        await using (var purge = Statement(_connection, _transaction,
                         "DELETE FROM data_upload_errors WHERE entry_code = @entry AND upload_id <> @upload"))
        {
            purge.Parameters.AddWithValue("entry", _target.EntryCode);
            purge.Parameters.AddWithValue("upload", _target.UploadId);
            await purge.ExecuteNonQueryAsync(cancellationToken);
        }

        // The report first: if it cannot be kept, the upload is not applied either, and Commit says so.
        await FlushErrors(cancellationToken);
        await _transaction.CommitAsync(cancellationToken);
        _committed = true;
        // The upload is over: its connection goes back to the pool now, not when (or if) the writer is disposed.
        await _connection.DisposeAsync();
    }

    /// <summary>Without a commit, the rows (and a replacement's new table) are rolled back by closing the connection; the errors are kept.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_copy is { } copy)
            {
                _copy = null;
                await copy.DisposeAsync();
            }
        }
        finally
        {
            await _connection.DisposeAsync();
            await FlushErrors(CancellationToken.None);
        }
    }

    /// <summary>A version table's name, quoted: the names are the store's own (data_records_n), quoted all the same.</summary>
    internal static string Quoted(string table) => $"\"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>The column of the data item at <paramref name="index"/> (0-based) in a version table: v1 for the first.</summary>
    internal static string ItemColumn(int index) => $"v{index + 1}";

    /// <summary>
    /// A version's table: the upsert that last wrote each record (NULL: the upload that created the table), a text
    /// column per data item, and the records' key (byte-wise, as the embedded store's sorted sets compare), which is
    /// the key item's column if the entry has one, else a column of its own (the line).
    /// </summary>
    private static string CreateTable(string table, int columnCount, int? keyColumn, bool withKey)
    {
        var key = $"""text COLLATE "C" NOT NULL{(withKey ? " PRIMARY KEY" : "")}""";
        var items = string.Concat(ItemColumns(0, columnCount).Select((c, i) => $", {c} {(i == keyColumn ? key : "text")}"));
        return $"CREATE TABLE {Quoted(table)} ({(keyColumn is null ? $"{LineKey} {key}, " : "")}upload_id text NULL{items})";
    }

    /// <summary>The column that keys the records of a version created by <paramref name="target"/>.</summary>
    private static string KeyColumnOf(DataUploadTarget target) => target.KeyColumn is { } k ? ItemColumn(k) : LineKey;

    private static IEnumerable<string> ItemColumns(int from, int to) => Enumerable.Range(from, Math.Max(0, to - from)).Select(ItemColumn);

    private static string Listed(IEnumerable<string> columns) => string.Concat(columns.Select(c => $", {c}"));

    private static string Typed(IEnumerable<string> columns) => string.Concat(columns.Select(c => $", {c} text"));

    private static async Task<string> NewTableName(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var next = Statement(connection, transaction, "SELECT 'data_records_' || nextval('data_record_tables')");
        return (string)(await next.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The entry's current version, locked against another upload's swap until this one commits; null if none.</summary>
    private async Task<(string Table, int ColumnCount, string KeyColumn)?> CurrentVersion(CancellationToken cancellationToken)
    {
        await using var select = Statement(_connection, _transaction,
            "SELECT table_name, column_count, key_column FROM data_record_versions WHERE entry_code = @entry FOR UPDATE");
        select.Parameters.AddWithValue("entry", _target.EntryCode);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetInt32(1), reader.GetString(2)) : null;
    }

    private async Task Replace(string table, string? previous, CancellationToken cancellationToken)
    {
        try
        {
            // One sort of all the keys, in the server's maintenance_work_mem (a sort that does not fit spills to disk).
            await Execute(_connection, _transaction, $"ALTER TABLE {Quoted(table)} ADD PRIMARY KEY ({_keyColumn})", cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The detail names the key only where the server's error details are shown (Include Error Detail).
            throw DataRecordRows.RepeatedKey(null);
        }

        await PointAt(table, _target.ColumnCount, cancellationToken);
        if (previous is not null)
        {
            // Waits only for the reads of the old table in progress (a page each); later ones follow the new pointer.
            await Execute(_connection, _transaction, $"DROP TABLE {Quoted(previous)}", cancellationToken);
        }
    }

    private async Task Upsert((string Table, int ColumnCount, string KeyColumn)? current, CancellationToken cancellationToken)
    {
        var (table, width, key) = current ?? (await NewTableName(_connection, _transaction, cancellationToken), 0, _keyColumn);
        if (key != _keyColumn && key != LineKey)
        {
            // The entry's key item changed since its records were replaced: they are keyed by another item than this
            // upload. (A version with a key column of its own, migrated or keyed by line, takes any upsert's keys.)
            throw DataRecordRows.KeyItemChanged();
        }

        if (current is null)
        {
            await Execute(_connection, _transaction, CreateTable(table, _target.ColumnCount, _target.KeyColumn, withKey: true), cancellationToken);
            width = _target.ColumnCount;
        }
        else if (width < _target.ColumnCount)
        {
            // The entry gained data items since the version was created: nullable columns, added without a rewrite.
            await Execute(_connection, _transaction,
                $"ALTER TABLE {Quoted(table)} {string.Join(", ", ItemColumns(width, _target.ColumnCount).Select(c => $"ADD COLUMN {c} text"))}",
                cancellationToken);
            width = _target.ColumnCount;
        }

        if (current is null || current.Value.ColumnCount != width)
        {
            await PointAt(table, width, cancellationToken, created: current is null);
        }

        // A record written by this upload has this upload's values only: the columns it has no value for are emptied,
        // as a replaced row of values would have none there.
        var items = ItemColumns(0, _target.ColumnCount).ToList();
        var updates = string.Concat(ItemColumns(0, width).Where(c => c != key).Select(c => $", {c} = {(items.Contains(c) ? $"excluded.{c}" : "NULL")}"));
        var keyOfItsOwn = key == LineKey ? "key, " : "";
        await using var merge = Statement(_connection, _transaction, $"""
            INSERT INTO {Quoted(table)} ({keyOfItsOwn}upload_id{Listed(items)})
            SELECT DISTINCT ON (key) {keyOfItsOwn}@upload{Listed(items)} FROM upload_rows ORDER BY key, ordinal DESC
            ON CONFLICT ({key}) DO UPDATE SET upload_id = excluded.upload_id{updates}
            """);
        merge.Parameters.AddWithValue("upload", _target.UploadId);
        await merge.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Makes <paramref name="table"/> the entry's current version; an upsert that only widened it keeps its creator.</summary>
    private async Task PointAt(string table, int columnCount, CancellationToken cancellationToken, bool created = true)
    {
        await using var point = Statement(_connection, _transaction, $"""
            INSERT INTO data_record_versions (entry_code, table_name, column_count, key_column, upload_id)
            VALUES (@entry, @table, @columns, @key, @upload)
            ON CONFLICT (entry_code) DO UPDATE SET table_name = excluded.table_name, column_count = excluded.column_count
            {(created ? ", key_column = excluded.key_column, upload_id = excluded.upload_id" : "")}
            """);
        point.Parameters.AddWithValue("entry", _target.EntryCode);
        point.Parameters.AddWithValue("table", table);
        point.Parameters.AddWithValue("columns", columnCount);
        point.Parameters.AddWithValue("key", _keyColumn);
        point.Parameters.AddWithValue("upload", _target.UploadId);
        await point.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts the pending errors in one statement on a connection of their own, committed at once whatever becomes of
    /// the upload. A retried upload of the same id that reports the same errors adds none twice.
    /// </summary>
    private async Task FlushErrors(CancellationToken cancellationToken)
    {
        if (_pendingErrors.Count == 0)
        {
            return;
        }

        var insert = new NpgsqlBatchCommand("""
            INSERT INTO data_upload_errors (upload_id, entry_code, line, ordinal, field, rule, message)
            SELECT @upload, @entry, l, o, f, r, m FROM unnest(@l, @o, @f, @r, @m) AS t(l, o, f, r, m)
            ON CONFLICT DO NOTHING
            """);
        insert.Parameters.AddWithValue("upload", _target.UploadId);
        insert.Parameters.AddWithValue("entry", _target.EntryCode);
        insert.Add("l", NpgsqlDbType.Bigint, _pendingErrors.Select(e => e.Error.Line));
        insert.Add("o", NpgsqlDbType.Bigint, _pendingErrors.Select(e => e.Ordinal));
        insert.Add("f", NpgsqlDbType.Text, _pendingErrors.Select(e => e.Error.Field));
        insert.Add("r", NpgsqlDbType.Text, _pendingErrors.Select(e => e.Error.Rule));
        insert.Add("m", NpgsqlDbType.Text, _pendingErrors.Select(e => e.Error.Message));
        await using var batch = _database.CreateBatch();
        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        _pendingErrors.Clear();
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Statement(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A statement of the upload's transaction. A statement over a whole entry (the replacement's key, the upsert's
    /// merge) takes as long as the entry is big, so no fixed timeout bounds it: the upload's cancellation does.
    /// </summary>
    private static NpgsqlCommand Statement(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql) =>
        new(sql, connection, transaction) { CommandTimeout = 0 };
}
