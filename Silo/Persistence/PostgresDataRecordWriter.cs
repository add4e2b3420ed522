using DataSharing.Data;
using Npgsql;
using NpgsqlTypes;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// One upload into data_records (migration 0009): one connection and one transaction from <see cref="Open"/> to
/// <see cref="Commit"/>, the good rows streamed to the server by binary COPY as they are added (the writer holds no
/// row), the errors inserted in batches on other connections of the pool, outside that transaction.
/// </summary>
/// <remarks>
/// <para><b>Replace</b> deletes the entry's records in the transaction, then copies the new ones straight into
/// data_records: readers keep seeing the old records until the commit (MVCC), and a record is written once, with its
/// index entry, as a plain COPY writes it. A replacement's keys must be distinct: the primary key refuses a repeated
/// one, which fails the COPY and so <see cref="Commit"/> (nothing applied, the errors kept). Letting the later row win
/// instead would cost every replacement, repeated keys or not, a second pass (a staging table, a sort, an insert), or
/// the writer a set of every key; a whole dataset that gives one key twice is a fault of the data the provider should
/// hear of, and the upload reports it as a row error when it can tell (see <see cref="IDataRecordWriter.Add"/>).
/// An entry without a key item is keyed by line, distinct by construction.</para>
/// <para><b>Upsert</b> copies into a temporary table (dropped at commit), then merges it in one
/// <c>INSERT ... SELECT DISTINCT ON (key) ... ORDER BY key, ordinal DESC ... ON CONFLICT DO UPDATE</c>: the later row
/// of a repeated key wins (its ordinal, the order rows were added, is higher), and one statement never updates a row
/// twice, which PostgreSQL refuses. The staging is needed anyway, since COPY itself cannot update.</para>
/// </remarks>
public sealed class PostgresDataRecordWriter : IDataRecordWriter
{
    /// <summary>Errors inserted per statement: a bad file of a million rows costs a thousand round trips, not a million.</summary>
    private const int ErrorBatch = 1000;

    private readonly NpgsqlDataSource _database;
    private readonly DataUploadTarget _target;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly List<(RowError Error, long Ordinal)> _pendingErrors = [];
    private NpgsqlBinaryImporter? _import;
    private long _added;
    private long _reported;
    private bool _committed;
    private bool _disposed;

    private PostgresDataRecordWriter(NpgsqlDataSource database, DataUploadTarget target, NpgsqlConnection connection,
        NpgsqlTransaction transaction, NpgsqlBinaryImporter import)
    {
        (_database, _target, _connection, _transaction, _import) = (database, target, connection, transaction, import);
    }

    public static async Task<PostgresDataRecordWriter> Open(NpgsqlDataSource database, DataUploadTarget target, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var prepare = Statement(connection, transaction, target.Mode == UploadMode.Replace
                ? "DELETE FROM data_records WHERE entry_code = @entry"
                : """CREATE TEMP TABLE upload_rows (ordinal bigint NOT NULL, key text COLLATE "C" NOT NULL, item_values text[] NOT NULL) ON COMMIT DROP"""))
            {
                if (target.Mode == UploadMode.Replace)
                {
                    prepare.Parameters.AddWithValue("entry", target.EntryCode);
                }

                await prepare.ExecuteNonQueryAsync(cancellationToken);
            }

            var import = await connection.BeginBinaryImportAsync(target.Mode == UploadMode.Replace
                ? "COPY data_records (entry_code, key, item_values, upload_id) FROM STDIN (FORMAT BINARY)"
                : "COPY upload_rows (ordinal, key, item_values) FROM STDIN (FORMAT BINARY)", cancellationToken);
            return new PostgresDataRecordWriter(database, target, connection, transaction, import);
        }
        catch
        {
            // Closing the connection rolls back whatever was begun on it.
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask Add(string key, string?[] values, CancellationToken cancellationToken = default)
    {
        var import = _import ?? throw new ObjectDisposedException(nameof(PostgresDataRecordWriter));
        DataRecordRows.Check(_target, key, values);
        await import.StartRowAsync(cancellationToken);
        if (_target.Mode == UploadMode.Replace)
        {
            await import.WriteAsync(_target.EntryCode, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(key, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(values, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(_target.UploadId, NpgsqlDbType.Text, cancellationToken);
        }
        else
        {
            await import.WriteAsync(_added++, NpgsqlDbType.Bigint, cancellationToken);
            await import.WriteAsync(key, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(values, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        }
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
        var import = _import ?? throw new ObjectDisposedException(nameof(PostgresDataRecordWriter));
        _import = null;
        try
        {
            await import.CompleteAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The detail names the key only where the server's error details are shown (Include Error Detail).
            throw DataRecordRows.RepeatedKey(null);
        }
        finally
        {
            await import.DisposeAsync();
        }

        if (_target.Mode == UploadMode.Upsert)
        {
            await using var merge = Statement(_connection, _transaction, """
                INSERT INTO data_records (entry_code, key, item_values, upload_id)
                SELECT DISTINCT ON (key) @entry, key, item_values, @upload FROM upload_rows ORDER BY key, ordinal DESC
                ON CONFLICT (entry_code, key) DO UPDATE SET item_values = excluded.item_values, upload_id = excluded.upload_id
                """);
            merge.Parameters.AddWithValue("entry", _target.EntryCode);
            merge.Parameters.AddWithValue("upload", _target.UploadId);
            await merge.ExecuteNonQueryAsync(cancellationToken);
        }

        // The report first: if it cannot be kept, the upload is not applied either, and Commit says so.
        await FlushErrors(cancellationToken);
        await _transaction.CommitAsync(cancellationToken);
        _committed = true;
    }

    /// <summary>Without a commit, the rows are rolled back (closing the connection does it); the errors are kept.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_import is { } import)
            {
                // Disposing an import that was not completed cancels the COPY.
                _import = null;
                await import.DisposeAsync();
            }
        }
        finally
        {
            await _connection.DisposeAsync();
            await FlushErrors(CancellationToken.None);
        }
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
            INSERT INTO data_upload_errors (upload_id, line, ordinal, field, rule, message)
            SELECT @upload, l, o, f, r, m FROM unnest(@l, @o, @f, @r, @m) AS t(l, o, f, r, m)
            ON CONFLICT DO NOTHING
            """);
        insert.Parameters.AddWithValue("upload", _target.UploadId);
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

    /// <summary>
    /// A statement of the upload's transaction. A statement over a whole entry (the replacement's delete, the upsert's
    /// merge) takes as long as the entry is big, so no fixed timeout bounds it: the upload's cancellation does.
    /// </summary>
    private static NpgsqlCommand Statement(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql) =>
        new(sql, connection, transaction) { CommandTimeout = 0 };
}
