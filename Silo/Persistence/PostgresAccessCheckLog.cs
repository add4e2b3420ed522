using DataSharing.Audit;
using DataSharing.Common;
using DataSharing.Sharing;
using Npgsql;
using NpgsqlTypes;

namespace DataSharing.Silo.Persistence;

/// <summary>The cluster-mode access-check log: table access_checks (migration 0006), written with the audit entry.</summary>
public sealed class PostgresAccessCheckLog(NpgsqlDataSource database, PostgresGroupCommit commit) : IAccessCheckLog
{
    private const string Columns =
        "id, department, entry_code, data_items, scenario, allowed, reason, share_request_id, denied_items, checked_at, " +
        "actor_subject, actor_role, actor_department";

    public Task Record(AccessCheckRecord check, AuditEntry audit) => commit.Write([audit], batch =>
    {
        var insert = new NpgsqlBatchCommand($"""
            INSERT INTO access_checks ({Columns})
            VALUES (@id, @department, @entry, @items, @scenario, @allowed, @reason, @request, @denied, @at, @subject, @role, @actorDepartment)
            ON CONFLICT (id) DO NOTHING
            """);
        var p = insert.Parameters;
        p.AddWithValue("id", check.Id);
        p.AddWithValue("department", check.Request.Department);
        p.AddWithValue("entry", check.Request.EntryCode);
        p.AddWithValue("items", check.Request.DataItems.ToArray());
        p.AddWithValue("scenario", check.Request.Scenario);
        p.AddWithValue("allowed", check.Decision.Allowed);
        p.AddWithValue("reason", check.Decision.Reason);
        p.Add(new NpgsqlParameter("request", NpgsqlDbType.Text) { Value = (object?)check.Decision.ShareRequestId ?? DBNull.Value });
        p.AddWithValue("denied", check.Decision.DeniedItems.ToArray());
        p.AddWithValue("at", check.CheckedAt.ToUniversalTime());
        p.AddWithValue("subject", check.CheckedBy.Subject);
        p.AddWithValue("role", check.CheckedBy.Role);
        p.Add(new NpgsqlParameter("actorDepartment", NpgsqlDbType.Text) { Value = (object?)check.CheckedBy.Department ?? DBNull.Value });
        batch.BatchCommands.Add(insert);
    });

    public async Task<Page<AccessCheckRecord>> List(string department, DateOnly day, PageRequest page)
    {
        var after = Cursor.Parts(page.After, 2);
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM access_checks
            WHERE department = @department AND checked_at >= @from AND checked_at < @to
              AND (@afterAt::timestamptz IS NULL OR (checked_at, id) > (@afterAt, @afterId))
            ORDER BY checked_at, id
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("department", department);
        command.Parameters.AddWithValue("from", ShanghaiTime.StartOf(day).UtcDateTime);
        command.Parameters.AddWithValue("to", ShanghaiTime.EndOf(day).UtcDateTime);
        command.Parameters.Add(new NpgsqlParameter("afterAt", NpgsqlDbType.TimestampTz)
        {
            Value = after is null ? DBNull.Value : new DateTime(Cursor.Long(after[0]), DateTimeKind.Utc),
        });
        command.Parameters.AddWithValue("afterId", after?[1] ?? "");
        command.Parameters.AddWithValue("limit", page.Limit + 1);

        var checks = new List<AccessCheckRecord>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            checks.Add(new AccessCheckRecord(
                reader.GetString(0),
                new AccessCheckRequest(reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3), reader.GetString(4)),
                new AccessDecision(reader.GetBoolean(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.GetFieldValue<string[]>(8)),
                reader.GetFieldValue<DateTimeOffset>(9),
                new Actor(reader.GetString(10), reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12))));
        }

        return Page<AccessCheckRecord>.Of(checks, page.Limit, c => Cursor.Of(Cursor.Of(c.CheckedAt.UtcTicks), c.Id));
    }
}
