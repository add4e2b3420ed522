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
        "actor_subject, actor_role, actor_department, rows_read";

    public Task Record(AccessCheckRecord check, AuditEntry audit) => commit.Write([audit], Checks, check);

    /// <summary>All the checks of a group commit in one multi-row insert.</summary>
    private static readonly RowKind<AccessCheckRecord> Checks = new(checks =>
    {
        var insert = new NpgsqlBatchCommand($"""
            INSERT INTO access_checks ({Columns})
            SELECT i, d, e, string_to_array(it, @separator), sc, al, re, sr, string_to_array(de, @separator), at, su, ro, ad, rr
            FROM unnest(@i, @d, @e, @it, @sc, @al, @re, @sr, @de, @at, @su, @ro, @ad, @rr) AS t(i, d, e, it, sc, al, re, sr, de, at, su, ro, ad, rr)
            ON CONFLICT (id) DO NOTHING
            """);
        insert.Parameters.AddWithValue("separator", RowColumns.ListSeparator);
        insert.Add("i", NpgsqlDbType.Text, checks.Select(c => c.Id));
        insert.Add("d", NpgsqlDbType.Text, checks.Select(c => c.Request.Department));
        insert.Add("e", NpgsqlDbType.Text, checks.Select(c => c.Request.EntryCode));
        insert.Add("it", NpgsqlDbType.Text, checks.Select(c => RowColumns.Joined(c.Request.DataItems)));
        insert.Add("sc", NpgsqlDbType.Text, checks.Select(c => c.Request.Scenario));
        insert.Add("al", NpgsqlDbType.Boolean, checks.Select(c => c.Decision.Allowed));
        insert.Add("re", NpgsqlDbType.Text, checks.Select(c => c.Decision.Reason));
        insert.Add("sr", NpgsqlDbType.Text, checks.Select(c => c.Decision.ShareRequestId));
        insert.Add("de", NpgsqlDbType.Text, checks.Select(c => RowColumns.Joined(c.Decision.DeniedItems)));
        insert.Add("at", NpgsqlDbType.TimestampTz, checks.Select(c => c.CheckedAt.UtcDateTime));
        insert.Add("su", NpgsqlDbType.Text, checks.Select(c => c.CheckedBy.Subject));
        insert.Add("ro", NpgsqlDbType.Text, checks.Select(c => c.CheckedBy.Role));
        insert.Add("ad", NpgsqlDbType.Text, checks.Select(c => c.CheckedBy.Department));
        insert.Add("rr", NpgsqlDbType.Bigint, checks.Select(c => c.RowsRead));
        return insert;
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
                new Actor(reader.GetString(10), reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12)),
                reader.IsDBNull(13) ? null : reader.GetInt64(13)));
        }

        return Page<AccessCheckRecord>.Of(checks, page.Limit, c => Cursor.Of(Cursor.Of(c.CheckedAt.UtcTicks), c.Id));
    }

    /// <summary>
    /// A skip scan over index access_checks_entry_users (migration 0012): the next department after the last one, then
    /// whether it has an allowed check in the period; evaluated lazily, so a page stops once it has its departments.
    /// </summary>
    public async Task<Page<string>> Users(string entryCode, DateTimeOffset from, DateTimeOffset to, PageRequest page)
    {
        await using var command = database.CreateCommand("""
            WITH RECURSIVE users(department) AS (
                SELECT min(department COLLATE "C") FROM access_checks WHERE entry_code = @entry AND allowed AND department COLLATE "C" > @after
                UNION ALL
                SELECT (SELECT min(a.department COLLATE "C") FROM access_checks a
                        WHERE a.entry_code = @entry AND a.allowed AND a.department COLLATE "C" > u.department)
                FROM users u WHERE u.department IS NOT NULL)
            SELECT u.department FROM users u
            WHERE u.department IS NOT NULL
              AND EXISTS (SELECT 1 FROM access_checks a WHERE a.entry_code = @entry AND a.allowed AND a.department COLLATE "C" = u.department
                                                          AND a.checked_at >= @from AND a.checked_at < @to)
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("entry", entryCode);
        command.Parameters.AddWithValue("after", DepartmentPages.After(page, DepartmentPages.EntryUsers) ?? "");
        command.Parameters.AddWithValue("from", from.UtcDateTime);
        command.Parameters.AddWithValue("to", to.UtcDateTime);
        command.Parameters.AddWithValue("limit", page.Limit + 1);
        return DepartmentPages.Of(await command.ReadStrings(), page, DepartmentPages.EntryUsers);
    }
}
