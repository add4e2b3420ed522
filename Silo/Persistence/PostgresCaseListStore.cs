using DataSharing.Cases;
using DataSharing.Common;
using Npgsql;
using NpgsqlTypes;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// The cluster-mode case lists: tables case_rows (oversight's lists) and case_departments (a department's), migration
/// 0007. Upserts ride the silo's group commit; a page is a keyset range over the index of the list and filter asked for.
/// </summary>
public sealed class PostgresCaseListStore(NpgsqlDataSource database, PostgresGroupCommit commit) : ICaseListStore
{
    private const string Columns = "r.kind, r.id, r.status, r.title, r.departments, r.due_at, r.opened_at, r.updated_at, r.version, r.open";

    public Task Upsert(CaseSummary row) => commit.Write([], batch =>
    {
        // One statement: the case's row, then its department rows (gone departments deleted, the others rewritten),
        // only when the version is newer.
        var upsert = new NpgsqlBatchCommand("""
            WITH upserted AS (
                INSERT INTO case_rows (kind, id, status, title, departments, due_at, due_sort, opened_at, updated_at, version, open, written_at)
                VALUES (@kind, @id, @status, @title, @departments, @dueAt, coalesce(@dueAt, 'infinity'), @openedAt, @updatedAt, @version, @open, now())
                ON CONFLICT (kind, id) DO UPDATE SET
                    status = EXCLUDED.status, title = EXCLUDED.title, departments = EXCLUDED.departments, due_at = EXCLUDED.due_at,
                    due_sort = EXCLUDED.due_sort, opened_at = EXCLUDED.opened_at, updated_at = EXCLUDED.updated_at,
                    version = EXCLUDED.version, open = EXCLUDED.open, written_at = now()
                WHERE case_rows.version < EXCLUDED.version
                RETURNING kind, id, departments, status, due_sort, open
            ), gone AS (
                DELETE FROM case_departments d USING upserted u
                WHERE d.kind = u.kind AND d.id = u.id AND NOT (d.department = ANY (u.departments))
            )
            INSERT INTO case_departments (kind, department, id, status, due_sort, open)
            SELECT u.kind, department, u.id, u.status, u.due_sort, u.open FROM upserted u, unnest(u.departments) AS department
            ON CONFLICT (kind, department, id) DO UPDATE SET status = EXCLUDED.status, due_sort = EXCLUDED.due_sort, open = EXCLUDED.open
            """);
        var p = upsert.Parameters;
        p.AddWithValue("kind", row.Kind);
        p.AddWithValue("id", row.Id);
        p.AddWithValue("status", row.Status);
        p.AddWithValue("title", row.Title);
        p.AddWithValue("departments", row.Departments.Distinct().ToArray());
        p.Add(new NpgsqlParameter("dueAt", NpgsqlDbType.TimestampTz) { Value = (object?)row.DueAt?.ToUniversalTime() ?? DBNull.Value });
        p.AddWithValue("openedAt", row.OpenedAt.ToUniversalTime());
        p.AddWithValue("updatedAt", row.UpdatedAt.ToUniversalTime());
        p.AddWithValue("version", row.Version);
        p.AddWithValue("open", row.Open);
        batch.BatchCommands.Add(upsert);
    });

    public async Task<Page<CaseSummary>> List(CaseListQuery query, PageRequest page)
    {
        var after = CaseListCursor.After(query, page);
        await using var command = database.CreateCommand(PageSql(query, after is not null));
        command.Parameters.AddWithValue("kind", query.Kind);
        if (query.Department is { } department)
        {
            command.Parameters.AddWithValue("department", department);
        }

        if (query.Status is { } status)
        {
            command.Parameters.AddWithValue("status", status.ToLowerInvariant());
        }

        if (query.Open is { } open)
        {
            command.Parameters.AddWithValue("open", open);
        }

        if (after is { } cursor)
        {
            command.Parameters.Add(new NpgsqlParameter("afterDue", NpgsqlDbType.TimestampTz) { Value = (object?)cursor.DueAt?.UtcDateTime ?? DBNull.Value });
            command.Parameters.AddWithValue("afterId", cursor.Id);
        }

        command.Parameters.AddWithValue("limit", page.Limit + 1);
        var rows = new List<CaseSummary>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(Read(reader));
        }

        return Page<CaseSummary>.Of(rows, page.Limit, CaseListCursor.Of);
    }

    public async Task<CaseSummary?> Find(string kind, string id)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM case_rows r WHERE r.kind = @kind AND r.id = @id");
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<OpenCaseCount>> CountOpen(IReadOnlyList<string> kinds, DueBounds bounds)
    {
        // The open rows of each kind through case_rows_open_page, however many cases have closed before.
        await using var command = database.CreateCommand($"""
            SELECT kind, status, coalesce(departments[1], ''), {OpenCaseCounts.Columns}
            FROM case_rows
            WHERE kind = ANY (@kinds) AND open
            GROUP BY 1, 2, 3
            """);
        command.Parameters.AddWithValue("kinds", kinds.ToArray());
        return await OpenCaseCounts.Read(command, bounds);
    }

    private static CaseSummary Read(NpgsqlDataReader reader) => new(
        reader.GetString(1), reader.GetString(0), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<string[]>(4),
        reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5).ToOffset(ShanghaiTime.Offset),
        reader.GetFieldValue<DateTimeOffset>(6).ToOffset(ShanghaiTime.Offset),
        reader.GetFieldValue<DateTimeOffset>(7).ToOffset(ShanghaiTime.Offset),
        reader.GetInt32(8), reader.GetBoolean(9));

    /// <summary>
    /// The query of a page: @kind, then @department, @status (lower case), @open, @afterDue and @afterId as the query
    /// and cursor have them, and @limit. Oversight's lists read case_rows itself, a department's its rows of
    /// case_departments; each filter has an index whose order is the list's, so the page is one index range.
    /// </summary>
    public static string PageSql(CaseListQuery query, bool afterCursor)
    {
        var list = query.Department is null ? "r" : "d";
        var where = new List<string> { $"{list}.kind = @kind" };
        if (query.Department is not null)
        {
            where.Add("d.department = @department");
        }

        if (query.Status is not null)
        {
            where.Add($"lower({list}.status) = @status");
        }

        if (query.Open is not null)
        {
            where.Add($"{list}.open = @open");
        }

        if (afterCursor)
        {
            where.Add($"({list}.due_sort, {list}.id) > (coalesce(@afterDue, 'infinity'), @afterId)");
        }

        return $"""
            SELECT {Columns}
            FROM {(query.Department is null ? "case_rows r" : "case_departments d JOIN case_rows r ON r.kind = d.kind AND r.id = d.id")}
            WHERE {string.Join(" AND ", where)}
            ORDER BY {list}.due_sort, {list}.id
            LIMIT @limit
            """;
    }
}
