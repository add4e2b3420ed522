using DataSharing.Data;
using Npgsql;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// Applies an upload's loaded rows to its entry, in the transaction given (migration 0014): a replacement's new table
/// gets its primary key and becomes the entry's current version, the previous one dropped; an upsert's rows are merged
/// into the current version. Readers follow the pointer, so they see the records before or after, never a mix. The
/// rows come from a <see cref="PostgresDataRecordWriter"/> of the same transaction (the grain's own load), or from the
/// committed stage of a load the API process made under a ticket (<see cref="Publish"/>). See the writer's remarks
/// for why each step is as it is.
/// </summary>
internal sealed class PostgresDataVersionSwap(NpgsqlConnection connection, NpgsqlTransaction transaction, DataUploadTarget target)
{
    /// <summary>
    /// The memory a replacement's primary-key build may sort in: a million keys of an identity number's length, with
    /// PostgreSQL's per-tuple overhead, fit in it, and so do three sorting processes of a parallel build. Uploads of an
    /// entry go one at a time, so a server holds this once per entry being replaced at that moment, briefly.
    /// </summary>
    private const string SortMemory = "256MB";

    private readonly string _keyColumn = PostgresDataRecordWriter.KeyColumnOf(target);

    /// <summary>
    /// Applies the committed stage of an upload (0015) in a transaction of its own, which also removes the stage: the
    /// pointer moves only over a stage committed whole, and a stage applied once is gone. Throws
    /// <see cref="InvalidOperationException"/> when the upload has none (nothing is then applied).
    /// </summary>
    public static async Task Publish(NpgsqlDataSource database, DataUploadTarget target, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string table;
        await using (var stage = PostgresDataRecordWriter.Statement(connection, transaction,
                         "DELETE FROM data_upload_stages WHERE upload_id = @upload AND entry_code = @entry RETURNING table_name"))
        {
            stage.Parameters.AddWithValue("upload", target.UploadId);
            stage.Parameters.AddWithValue("entry", target.EntryCode);
            table = await stage.ExecuteScalarAsync(cancellationToken) as string
                ?? throw new InvalidOperationException($"Upload {target.UploadId} of {target.EntryCode} has no complete stage.");
        }

        await new PostgresDataVersionSwap(connection, transaction, target).Apply(table, cancellationToken);
        if (target.Mode == UploadMode.Upsert)
        {
            // Merged: the staged rows are the version's now.
            await PostgresDataRecordWriter.Execute(connection, transaction, $"DROP TABLE {PostgresDataRecordWriter.Quoted(table)}", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="rows"/> (a replacement's new version table, or an upsert's rows to merge) and purges the
    /// errors of the entry's earlier uploads: the report kept is this upload's.
    /// </summary>
    public async Task Apply(string rows, CancellationToken cancellationToken)
    {
        var current = await CurrentVersion(cancellationToken);
        if (target.Mode == UploadMode.Replace)
        {
            await Replace(rows, current?.Table, cancellationToken);
        }
        else
        {
            await Upsert(current, rows, cancellationToken);
        }

        await using var purge = PostgresDataRecordWriter.Statement(connection, transaction,
            "DELETE FROM data_upload_errors WHERE entry_code = @entry AND upload_id <> @upload");
        purge.Parameters.AddWithValue("entry", target.EntryCode);
        purge.Parameters.AddWithValue("upload", target.UploadId);
        await purge.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The entry's current version, locked against another upload's swap until this one commits; null if none.</summary>
    private async Task<(string Table, int ColumnCount, string KeyColumn)?> CurrentVersion(CancellationToken cancellationToken)
    {
        await using var select = PostgresDataRecordWriter.Statement(connection, transaction,
            "SELECT table_name, column_count, key_column FROM data_record_versions WHERE entry_code = @entry FOR UPDATE");
        select.Parameters.AddWithValue("entry", target.EntryCode);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetInt32(1), reader.GetString(2)) : null;
    }

    private async Task Replace(string table, string? previous, CancellationToken cancellationToken)
    {
        try
        {
            // One sort of all the keys. In the default maintenance_work_mem (64 MB) a million keys spill to disk and the
            // sort gets one parallel worker at most (each needs 32 MB): with SortMemory the build took 1.0 s instead of
            // 1.6 s on the bench machine. LOCAL: for this transaction only.
            await PostgresDataRecordWriter.Execute(connection, transaction, $"SET LOCAL maintenance_work_mem = '{SortMemory}'", cancellationToken);
            await PostgresDataRecordWriter.Execute(connection, transaction, $"ALTER TABLE {PostgresDataRecordWriter.Quoted(table)} ADD PRIMARY KEY ({_keyColumn})", cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The detail names the key only where the server's error details are shown (Include Error Detail).
            throw DataRecordRows.RepeatedKey(null);
        }

        await PointAt(table, target.ColumnCount, cancellationToken);
        if (previous is not null)
        {
            // Waits only for the reads of the old table in progress (a page each); later ones follow the new pointer.
            await PostgresDataRecordWriter.Execute(connection, transaction, $"DROP TABLE {PostgresDataRecordWriter.Quoted(previous)}", cancellationToken);
        }
    }

    private async Task Upsert((string Table, int ColumnCount, string KeyColumn)? current, string rows, CancellationToken cancellationToken)
    {
        var (table, width, key) = current ?? (await PostgresDataRecordWriter.NewTableName(connection, transaction, cancellationToken), 0, _keyColumn);
        if (key != _keyColumn && key != PostgresDataRecordWriter.LineKey)
        {
            // The entry's key item changed since its records were replaced: they are keyed by another item than this
            // upload. (A version with a key column of its own, migrated or keyed by line, takes any upsert's keys.)
            throw DataRecordRows.KeyItemChanged();
        }

        if (current is null)
        {
            await PostgresDataRecordWriter.Execute(connection, transaction, PostgresDataRecordWriter.CreateTable(table, target.ColumnCount, target.KeyColumn, withKey: true), cancellationToken);
            width = target.ColumnCount;
        }
        else if (width < target.ColumnCount)
        {
            // The entry gained data items since the version was created: nullable columns, added without a rewrite.
            await PostgresDataRecordWriter.Execute(connection, transaction,
                $"ALTER TABLE {PostgresDataRecordWriter.Quoted(table)} {string.Join(", ", PostgresDataRecordWriter.ItemColumns(width, target.ColumnCount).Select(c => $"ADD COLUMN {c} text"))}",
                cancellationToken);
            width = target.ColumnCount;
        }

        if (current is null || current.Value.ColumnCount != width)
        {
            await PointAt(table, width, cancellationToken, created: current is null);
        }

        // A record written by this upload has this upload's values only: the columns it has no value for are emptied,
        // as a replaced row of values would have none there.
        var items = PostgresDataRecordWriter.ItemColumns(0, target.ColumnCount).ToList();
        var updates = string.Concat(PostgresDataRecordWriter.ItemColumns(0, width).Where(c => c != key).Select(c => $", {c} = {(items.Contains(c) ? $"excluded.{c}" : "NULL")}"));
        var keyOfItsOwn = key == PostgresDataRecordWriter.LineKey ? "key, " : "";
        await using var merge = PostgresDataRecordWriter.Statement(connection, transaction, $"""
            INSERT INTO {PostgresDataRecordWriter.Quoted(table)} ({keyOfItsOwn}upload_id{PostgresDataRecordWriter.Listed(items)})
            SELECT DISTINCT ON (key) {keyOfItsOwn}@upload{PostgresDataRecordWriter.Listed(items)} FROM {PostgresDataRecordWriter.Quoted(rows)} ORDER BY key, ordinal DESC
            ON CONFLICT ({key}) DO UPDATE SET upload_id = excluded.upload_id{updates}
            """);
        merge.Parameters.AddWithValue("upload", target.UploadId);
        await merge.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Makes <paramref name="table"/> the entry's current version; an upsert that only widened it keeps its creator.</summary>
    private async Task PointAt(string table, int columnCount, CancellationToken cancellationToken, bool created = true)
    {
        await using var point = PostgresDataRecordWriter.Statement(connection, transaction, $"""
            INSERT INTO data_record_versions (entry_code, table_name, column_count, key_column, upload_id)
            VALUES (@entry, @table, @columns, @key, @upload)
            ON CONFLICT (entry_code) DO UPDATE SET table_name = excluded.table_name, column_count = excluded.column_count
            {(created ? ", key_column = excluded.key_column, upload_id = excluded.upload_id" : "")}
            """);
        point.Parameters.AddWithValue("entry", target.EntryCode);
        point.Parameters.AddWithValue("table", table);
        point.Parameters.AddWithValue("columns", columnCount);
        point.Parameters.AddWithValue("key", _keyColumn);
        point.Parameters.AddWithValue("upload", target.UploadId);
        await point.ExecuteNonQueryAsync(cancellationToken);
    }
}
