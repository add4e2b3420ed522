using DataSharing.Common;
using DataSharing.Departments;
using Npgsql;

namespace DataSharing.Silo.Persistence;

/// <summary>The cluster-mode violation records: table violations (migration 0007), written through the silo's group commit.</summary>
public sealed class PostgresViolationStore(NpgsqlDataSource database, PostgresGroupCommit commit) : IViolationStore
{
    private const string Columns = "id, department, article, case_kind, case_id, description, recorded_at";

    public Task Record(ViolationRecord violation) => commit.Write([], batch =>
    {
        var insert = new NpgsqlBatchCommand($"""
            INSERT INTO violations ({Columns}) VALUES (@id, @department, @article, @caseKind, @caseId, @description, @recordedAt)
            ON CONFLICT (id) DO NOTHING
            """);
        var p = insert.Parameters;
        p.AddWithValue("id", violation.Id);
        p.AddWithValue("department", violation.Department);
        p.AddWithValue("article", violation.Article);
        p.AddWithValue("caseKind", violation.CaseKind);
        p.AddWithValue("caseId", violation.CaseId);
        p.AddWithValue("description", violation.Description);
        p.AddWithValue("recordedAt", violation.RecordedAt.ToUniversalTime());
        batch.BatchCommands.Add(insert);
    });

    public async Task<Page<ViolationRecord>> List(string? department, PageRequest page)
    {
        var after = ViolationCursor.After(page);
        var where = new List<string>();
        await using var command = database.CreateCommand();
        if (department is not null)
        {
            where.Add("department = @department");
            command.Parameters.AddWithValue("department", department);
        }

        if (after is { } cursor)
        {
            where.Add("(recorded_at, id) < (@afterAt, @afterId)");
            command.Parameters.AddWithValue("afterAt", cursor.RecordedAt);
            command.Parameters.AddWithValue("afterId", cursor.Id);
        }

        command.Parameters.AddWithValue("limit", page.Limit + 1);
        command.CommandText = $"""
            SELECT {Columns} FROM violations
            {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY recorded_at DESC, id DESC
            LIMIT @limit
            """;

        var records = new List<ViolationRecord>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            records.Add(new ViolationRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6).ToOffset(ShanghaiTime.Offset)));
        }

        return Page<ViolationRecord>.Of(records, page.Limit, ViolationCursor.Of);
    }

    public async Task<IReadOnlyList<DailyCount>> CountByDay(string caseKind, string article, DateOnly from, DateOnly until)
    {
        // An index range of (case_kind, article, recorded_at) (migration 0017), the days asked as Shanghai instants.
        await using var command = database.CreateCommand("""
            SELECT (recorded_at AT TIME ZONE 'Asia/Shanghai')::date AS day, count(*)::integer
            FROM violations
            WHERE case_kind = @caseKind AND article = @article AND recorded_at >= @from AND recorded_at < @until
            GROUP BY day
            ORDER BY day
            """);
        command.Parameters.AddWithValue("caseKind", caseKind);
        command.Parameters.AddWithValue("article", article);
        command.Parameters.AddWithValue("from", ShanghaiTime.StartOf(from).ToUniversalTime());
        command.Parameters.AddWithValue("until", ShanghaiTime.StartOf(until).ToUniversalTime());
        var days = new List<DailyCount>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            days.Add(new DailyCount(reader.GetFieldValue<DateOnly>(0), reader.GetInt32(1)));
        }

        return days;
    }
}
