using DataSharing.Common;
using DataSharing.Data;
using Npgsql;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// The cluster-mode records and upload errors: a table per entry's current version, named by data_record_versions
/// (migration 0014), and data_upload_errors (0009), written by <see cref="PostgresDataRecordWriter"/>; records are
/// read a page at a time as one range of their table's primary key.
/// </summary>
public sealed class PostgresDataRecordStore(NpgsqlDataSource database) : IDataRecordStore
{
    /// <summary>
    /// Replacements of one entry go one at a time and each takes a while, so a read is overtaken once in a long while and
    /// almost never twice; the bound only stops a fault (a pointer naming a table that is not there) from looping.
    /// </summary>
    private const int MaxAttempts = 10;

    public async Task<IDataRecordWriter> Begin(DataUploadTarget target, CancellationToken cancellationToken = default) =>
        await PostgresDataRecordWriter.Open(database, target, staged: false, cancellationToken);

    public async Task<IDataRecordWriter> Stage(DataUploadTarget target, CancellationToken cancellationToken = default) =>
        await PostgresDataRecordWriter.Open(database, target, staged: true, cancellationToken);

    public Task Publish(DataUploadTarget target, CancellationToken cancellationToken = default) =>
        PostgresDataVersionSwap.Publish(database, target, cancellationToken);

    /// <summary>Removes the stages and drops their tables in one transaction: a stage is there whole or not at all.</summary>
    public async Task Discard(string entryCode, string? uploadId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var tables = new List<string>();
        await using (var stages = PostgresDataRecordWriter.Statement(connection, transaction,
                         "DELETE FROM data_upload_stages WHERE entry_code = @entry AND (@upload::text IS NULL OR upload_id = @upload) RETURNING table_name"))
        {
            stages.Parameters.AddWithValue("entry", entryCode);
            stages.Parameters.Add(new NpgsqlParameter<string?>("upload", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = uploadId });
            await using var reader = await stages.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await PostgresDataRecordWriter.Execute(connection, transaction, $"DROP TABLE IF EXISTS {PostgresDataRecordWriter.Quoted(table)}", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<Page<DataRecord>> Read(string entryCode, IReadOnlyList<int> columns, PageRequest page, CancellationToken cancellationToken = default)
    {
        DataRecordRows.CheckColumns(columns);
        var after = DataCursors.KeyAfter(page);
        var records = await OnCurrentVersion<List<DataRecord>>(entryCode, [], async (table, width, key) =>
        {
            // Only the items asked for leave the server; one the version has no column for reads as NULL. The first page
            // has no lower bound at all rather than an "IS NULL OR" that a generic plan could not turn into an index range.
            var projection = string.Concat(columns.Select(c => c < width ? $", {PostgresDataRecordWriter.ItemColumn(c)}" : ", NULL::text"));
            await using var command = database.CreateCommand($"""
                SELECT {key}{projection} FROM {PostgresDataRecordWriter.Quoted(table)}
                {(after is null ? "" : $"WHERE {key} > @after")}
                ORDER BY {key}
                LIMIT @limit
                """);
            if (after is not null)
            {
                command.Parameters.AddWithValue("after", after);
            }

            command.Parameters.AddWithValue("limit", page.Limit + 1);
            var read = new List<DataRecord>(Math.Min(page.Limit + 1, PageRequest.MaxLimit + 1));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = new string?[columns.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.IsDBNull(i + 1) ? null : reader.GetString(i + 1);
                }

                read.Add(new DataRecord(reader.GetString(0), values));
            }

            return read;
        }, cancellationToken);
        return Page<DataRecord>.Of(records, page.Limit, DataCursors.Of);
    }

    public Task<long> Count(string entryCode, CancellationToken cancellationToken = default) =>
        OnCurrentVersion(entryCode, 0L, async (table, _, _) =>
        {
            await using var command = database.CreateCommand($"SELECT count(*) FROM {PostgresDataRecordWriter.Quoted(table)}");
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);

    /// <summary>
    /// Runs a read on the table of the entry's current version, given with its number of item columns and its key
    /// column (<paramref name="none"/> if the entry has no records). A replacement that commits between reading the pointer
    /// and reading the table has dropped that table: the read then follows the pointer again, to the version that
    /// replaced it, as it would have had it started a moment later.
    /// </summary>
    private async Task<T> OnCurrentVersion<T>(string entryCode, T none, Func<string, int, string, Task<T>> read, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            string table, key;
            int width;
            await using (var pointer = database.CreateCommand("SELECT table_name, column_count, key_column FROM data_record_versions WHERE entry_code = @entry"))
            {
                pointer.Parameters.AddWithValue("entry", entryCode);
                await using var reader = await pointer.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return none;
                }

                (table, width, key) = (reader.GetString(0), reader.GetInt32(1), reader.GetString(2));
            }

            try
            {
                return await read(table, width, key);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable && attempt < MaxAttempts)
            {
            }
        }
    }

    public async Task<Page<RowError>> Errors(string uploadId, PageRequest page, CancellationToken cancellationToken = default)
    {
        var (afterLine, afterOrdinal) = DataCursors.ErrorAfter(page);
        await using var command = database.CreateCommand("""
            SELECT line, ordinal, field, rule, message FROM data_upload_errors
            WHERE upload_id = @upload AND (line, ordinal) > (@line, @ordinal)
            ORDER BY line, ordinal
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("upload", uploadId);
        command.Parameters.AddWithValue("line", afterLine);
        command.Parameters.AddWithValue("ordinal", afterOrdinal);
        command.Parameters.AddWithValue("limit", page.Limit + 1);
        var errors = new List<(RowError, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            errors.Add((new RowError(reader.GetInt64(0), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4)),
                reader.GetInt64(1)));
        }

        return DataCursors.ErrorPage(errors, page.Limit);
    }
}
