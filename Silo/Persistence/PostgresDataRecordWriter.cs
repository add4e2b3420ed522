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
/// <para>Both purge, at commit, the errors of the entry's earlier uploads: the report kept is the latest upload's. The
/// apply step (pointer, key, merge, purge) is <see cref="PostgresDataVersionSwap"/>'s.</para>
/// <para><b>Staged</b> (<see cref="IDataRecordStore.Stage"/>, the API process under a ticket): the same load, into a
/// table of the upload's own also for an upsert (the grain's connection must see it, which a temporary table's
/// session would not let it), registered in data_upload_stages (0015) in the load's transaction; <see cref="Commit"/>
/// commits the load and applies nothing. The entry's grain then applies it in a transaction of its own
/// (<see cref="PostgresDataVersionSwap.Publish"/>), so the pointer moves only over rows committed whole.</para>
/// </remarks>
public sealed class PostgresDataRecordWriter : IDataRecordWriter
{
    /// <summary>The key column of a version whose keys are not a data item's: the line, or a key of the old layout (0014).</summary>
    internal const string LineKey = "key";

    /// <summary>Where an upsert of the grain's own transaction stages its rows: a temporary table, dropped at commit.</summary>
    private const string UpsertRows = "upload_rows";

    /// <summary>Errors inserted per statement: a bad file of a million rows costs a thousand round trips, not a million.</summary>
    private const int ErrorBatch = 1000;

    private readonly NpgsqlDataSource _database;
    private readonly DataUploadTarget _target;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    /// <summary>The table the COPY fills: a replacement's new version, or an upsert's rows to merge.</summary>
    private readonly string _table;
    private readonly bool _staged;
    private readonly List<(RowError Error, long Ordinal)> _pendingErrors = [];
    private BinaryCopyRows? _copy;
    private long _added;
    private long _reported;
    private bool _committed;
    private bool _disposed;

    private PostgresDataRecordWriter(NpgsqlDataSource database, DataUploadTarget target, NpgsqlConnection connection,
        NpgsqlTransaction transaction, string table, bool staged, BinaryCopyRows copy) =>
        (_database, _target, _connection, _transaction, _table, _staged, _copy) = (database, target, connection, transaction, table, staged, copy);

    /// <param name="staged">Load only, as the upload's stage (see the remarks); else load and apply at <see cref="Commit"/>.</param>
    public static async Task<PostgresDataRecordWriter> Open(NpgsqlDataSource database, DataUploadTarget target, bool staged, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var items = ItemColumns(0, target.ColumnCount);
            var replace = target.Mode == UploadMode.Replace;
            var table = replace || staged ? await NewTableName(connection, transaction, cancellationToken) : UpsertRows;
            await Execute(connection, transaction, replace ? CreateTable(table, target.ColumnCount, target.KeyColumn, withKey: false)
                : $"""CREATE {(staged ? "" : "TEMP ")}TABLE {Quoted(table)} (ordinal bigint NOT NULL, key text COLLATE "C" NOT NULL{Typed(items)}){(staged ? "" : " ON COMMIT DROP")}""",
                cancellationToken);
            if (staged)
            {
                await using var stage = Statement(connection, transaction,
                    "INSERT INTO data_upload_stages (upload_id, entry_code, table_name) VALUES (@upload, @entry, @table)");
                stage.Parameters.AddWithValue("upload", target.UploadId);
                stage.Parameters.AddWithValue("entry", target.EntryCode);
                stage.Parameters.AddWithValue("table", table);
                await stage.ExecuteNonQueryAsync(cancellationToken);
            }

            // FREEZE where the table is the transaction's own: its rows are written final, never rewritten by a later read or vacuum.
            var copy = await BinaryCopyRows.Begin(connection, !replace
                ? $"COPY {Quoted(table)} (ordinal, key{Listed(items)}) FROM STDIN (FORMAT BINARY{(staged ? ", FREEZE" : "")})"
                : target.KeyColumn is null
                    ? $"COPY {Quoted(table)} (key{Listed(items)}) FROM STDIN (FORMAT BINARY, FREEZE)"
                    : $"COPY {Quoted(table)} ({string.Join(", ", items)}) FROM STDIN (FORMAT BINARY, FREEZE)", cancellationToken);
            return new PostgresDataRecordWriter(database, target, connection, transaction, table, staged, copy);
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
        return _target.Mode == UploadMode.Upsert ? copy.Add(_added++, key, values, cancellationToken)
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

        if (!_staged)
        {
            await new PostgresDataVersionSwap(_connection, _transaction, _target).Apply(_table, cancellationToken);
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
    internal static string CreateTable(string table, int columnCount, int? keyColumn, bool withKey)
    {
        var key = $"""text COLLATE "C" NOT NULL{(withKey ? " PRIMARY KEY" : "")}""";
        var items = string.Concat(ItemColumns(0, columnCount).Select((c, i) => $", {c} {(i == keyColumn ? key : "text")}"));
        return $"CREATE TABLE {Quoted(table)} ({(keyColumn is null ? $"{LineKey} {key}, " : "")}upload_id text NULL{items})";
    }

    /// <summary>The column that keys the records of a version created by <paramref name="target"/>.</summary>
    internal static string KeyColumnOf(DataUploadTarget target) => target.KeyColumn is { } k ? ItemColumn(k) : LineKey;

    internal static IEnumerable<string> ItemColumns(int from, int to) => Enumerable.Range(from, Math.Max(0, to - from)).Select(ItemColumn);

    internal static string Listed(IEnumerable<string> columns) => string.Concat(columns.Select(c => $", {c}"));

    private static string Typed(IEnumerable<string> columns) => string.Concat(columns.Select(c => $", {c} text"));

    internal static async Task<string> NewTableName(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var next = Statement(connection, transaction, "SELECT 'data_records_' || nextval('data_record_tables')");
        return (string)(await next.ExecuteScalarAsync(cancellationToken))!;
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

    internal static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Statement(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A statement of the upload's transaction. A statement over a whole entry (the replacement's key, the upsert's
    /// merge) takes as long as the entry is big, so no fixed timeout bounds it: the upload's cancellation does.
    /// </summary>
    internal static NpgsqlCommand Statement(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql) =>
        new(sql, connection, transaction) { CommandTimeout = 0 };
}
