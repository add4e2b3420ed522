using System.Text;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Sharing;
using Npgsql;
using NpgsqlTypes;

namespace DataSharing.Silo.Persistence;

/// <summary>The cluster-mode read model: table share_request_rows (deploy/postgres/migrations/0004_read_model.sql).</summary>
public sealed class PostgresShareRequestReadModel(NpgsqlDataSource database) : IShareRequestReadModel
{
    private const string Columns =
        "id, requester_department, provider_department, entry_code, entry_name, share_type, status, received_at, due_at, due_date, due_provisional, version";

    public async Task Upsert(ShareRequestSummary row)
    {
        await using var command = database.CreateCommand($"""
            INSERT INTO share_request_rows ({Columns}, written_at)
            VALUES (@id, @requester, @provider, @entry, @name, @shareType, @status, @received, @dueAt, @dueDate, @provisional, @version, now())
            ON CONFLICT (id) DO UPDATE SET
                requester_department = EXCLUDED.requester_department, provider_department = EXCLUDED.provider_department,
                entry_code = EXCLUDED.entry_code, entry_name = EXCLUDED.entry_name, share_type = EXCLUDED.share_type,
                status = EXCLUDED.status, received_at = EXCLUDED.received_at, due_at = EXCLUDED.due_at,
                due_date = EXCLUDED.due_date, due_provisional = EXCLUDED.due_provisional, version = EXCLUDED.version,
                written_at = now()
            WHERE share_request_rows.version < EXCLUDED.version
            """);
        command.Parameters.AddWithValue("id", row.Id);
        command.Parameters.AddWithValue("requester", row.RequesterDepartment);
        command.Parameters.AddWithValue("provider", row.ProviderDepartment);
        command.Parameters.AddWithValue("entry", row.EntryCode);
        command.Parameters.AddWithValue("name", row.EntryName);
        command.Parameters.AddWithValue("shareType", row.ShareType.ToString());
        command.Parameters.AddWithValue("status", row.Status.ToString());
        // timestamptz takes instants in UTC only; the offset of a due instant (+08:00) is presentation.
        command.Parameters.AddWithValue("received", row.ReceivedAt.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter("dueAt", NpgsqlDbType.TimestampTz) { Value = (object?)row.DueAt?.ToUniversalTime() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("dueDate", NpgsqlDbType.Date) { Value = (object?)row.DueDate ?? DBNull.Value });
        command.Parameters.AddWithValue("provisional", row.DueProvisional);
        command.Parameters.AddWithValue("version", row.Version);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<ShareRequestSummary>> Query(ShareRequestFilter filter)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM share_request_rows WHERE true");
        await using var command = database.CreateCommand();
        void Where(string column, string name, object? value)
        {
            if (value is null)
            {
                return;
            }

            sql.Append($" AND {column} = @{name}");
            command.Parameters.AddWithValue(name, value);
        }

        Where("requester_department", "requester", filter.Requester);
        Where("provider_department", "provider", filter.Provider);
        Where("entry_code", "entry", filter.EntryCode);
        if (filter.Statuses is { } statuses)
        {
            sql.Append(" AND status = ANY(@statuses)");
            command.Parameters.AddWithValue("statuses", statuses.Select(s => s.ToString()).ToArray());
        }

        sql.Append(filter.Order == ShareRequestOrder.SoonestDueFirst
            ? " ORDER BY due_at ASC NULLS LAST, id"
            : " ORDER BY received_at DESC, id");
        sql.Append(" LIMIT @limit");
        command.Parameters.AddWithValue("limit", filter.Limit);
        command.CommandText = sql.ToString();

        var rows = new List<ShareRequestSummary>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new ShareRequestSummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                Enum.Parse<ShareType>(reader.GetString(5)), Enum.Parse<ShareRequestStatus>(reader.GetString(6)),
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8).ToOffset(ShanghaiTime.Offset),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9),
                reader.GetBoolean(10),
                reader.GetInt32(11)));
        }

        return rows;
    }
}
