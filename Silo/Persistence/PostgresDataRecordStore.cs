using DataSharing.Common;
using DataSharing.Data;
using Npgsql;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// The cluster-mode records and upload errors: tables data_records and data_upload_errors (migration 0009), written by
/// <see cref="PostgresDataRecordWriter"/>, read a page at a time as one range of their primary keys.
/// </summary>
public sealed class PostgresDataRecordStore(NpgsqlDataSource database) : IDataRecordStore
{
    public async Task<IDataRecordWriter> Begin(DataUploadTarget target, CancellationToken cancellationToken = default) =>
        await PostgresDataRecordWriter.Open(database, target, cancellationToken);

    public async Task<Page<DataRecord>> Read(string entryCode, IReadOnlyList<int> columns, PageRequest page, CancellationToken cancellationToken = default)
    {
        DataRecordRows.CheckColumns(columns);
        var after = DataCursors.KeyAfter(page);
        // Only the items asked for leave the server (arrays are 1-based; past the end is NULL). The first page has no
        // lower bound at all rather than an "IS NULL OR" that a generic plan could not turn into an index range.
        var projection = string.Concat(columns.Select((_, i) => $", item_values[@c{i}]"));
        await using var command = database.CreateCommand($"""
            SELECT key{projection} FROM data_records
            WHERE entry_code = @entry{(after is null ? "" : " AND key > @after")}
            ORDER BY key
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("entry", entryCode);
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.AddWithValue($"c{i}", columns[i] + 1);
        }

        if (after is not null)
        {
            command.Parameters.AddWithValue("after", after);
        }

        command.Parameters.AddWithValue("limit", page.Limit + 1);
        var records = new List<DataRecord>(Math.Min(page.Limit + 1, PageRequest.MaxLimit + 1));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = new string?[columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i + 1) ? null : reader.GetString(i + 1);
            }

            records.Add(new DataRecord(reader.GetString(0), values));
        }

        return Page<DataRecord>.Of(records, page.Limit, DataCursors.Of);
    }

    public async Task<long> Count(string entryCode, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM data_records WHERE entry_code = @entry");
        command.Parameters.AddWithValue("entry", entryCode);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
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
