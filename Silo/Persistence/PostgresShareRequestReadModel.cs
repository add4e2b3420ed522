using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Sharing;
using Npgsql;
using NpgsqlTypes;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// The cluster-mode read model: table share_request_rows (migrations 0004, 0006). Upserts ride the silo's group
/// commit; each list is a keyset page over an index in the list's own order.
/// </summary>
public sealed class PostgresShareRequestReadModel(NpgsqlDataSource database, PostgresGroupCommit commit) : IShareRequestReadModel
{
    private const string Columns =
        "id, requester_department, provider_department, entry_code, entry_name, share_type, status, received_at, due_at, due_date, " +
        "due_provisional, version, grant_items, grant_scenario, valid_from, valid_to, granted_at";

    private const string Open = "status IN ('AwaitingProvider', 'Overdue')";

    public Task Upsert(ShareRequestSummary row) => commit.Write([], Rows, row);

    /// <summary>
    /// The rows of a group commit in one multi-row upsert; an older version never replaces a newer one. A row given
    /// twice in one transaction (two versions of a request) goes in once, its newest version: one statement may not
    /// update a row twice.
    /// </summary>
    private static readonly RowKind<ShareRequestSummary> Rows = new(given =>
    {
        var rows = given.GroupBy(r => r.Id).Select(g => g.MaxBy(r => r.Version)!).ToList();
        var upsert = new NpgsqlBatchCommand($"""
            INSERT INTO share_request_rows ({Columns}, grant_scenario_key, written_at)
            SELECT id, rq, pr, en, na, st, s, rc, da, dd, dp, v, string_to_array(gi, @separator), gs, vf, vt, ga, gk, now()
            FROM unnest(@id, @rq, @pr, @en, @na, @st, @s, @rc, @da, @dd, @dp, @v, @gi, @gs, @vf, @vt, @ga, @gk)
                 AS t(id, rq, pr, en, na, st, s, rc, da, dd, dp, v, gi, gs, vf, vt, ga, gk)
            ON CONFLICT (id) DO UPDATE SET
                requester_department = EXCLUDED.requester_department, provider_department = EXCLUDED.provider_department,
                entry_code = EXCLUDED.entry_code, entry_name = EXCLUDED.entry_name, share_type = EXCLUDED.share_type,
                status = EXCLUDED.status, received_at = EXCLUDED.received_at, due_at = EXCLUDED.due_at,
                due_date = EXCLUDED.due_date, due_provisional = EXCLUDED.due_provisional, version = EXCLUDED.version,
                grant_items = EXCLUDED.grant_items, grant_scenario = EXCLUDED.grant_scenario,
                grant_scenario_key = EXCLUDED.grant_scenario_key, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to,
                granted_at = EXCLUDED.granted_at, written_at = now()
            WHERE share_request_rows.version < EXCLUDED.version
               -- Rows of grants written before the grant columns existed take them from their next publication.
               OR (share_request_rows.version = EXCLUDED.version AND share_request_rows.status = 'Granted'
                   AND share_request_rows.grant_items IS NULL AND EXCLUDED.grant_items IS NOT NULL)
            """);
        upsert.Parameters.AddWithValue("separator", RowColumns.ListSeparator);
        upsert.Add("id", NpgsqlDbType.Text, rows.Select(r => r.Id));
        upsert.Add("rq", NpgsqlDbType.Text, rows.Select(r => r.RequesterDepartment));
        upsert.Add("pr", NpgsqlDbType.Text, rows.Select(r => r.ProviderDepartment));
        upsert.Add("en", NpgsqlDbType.Text, rows.Select(r => r.EntryCode));
        upsert.Add("na", NpgsqlDbType.Text, rows.Select(r => r.EntryName));
        upsert.Add("st", NpgsqlDbType.Text, rows.Select(r => r.ShareType.ToString()));
        upsert.Add("s", NpgsqlDbType.Text, rows.Select(r => r.Status.ToString()));
        // timestamptz takes instants in UTC only; the offset of a due instant (+08:00) is presentation.
        upsert.Add("rc", NpgsqlDbType.TimestampTz, rows.Select(r => r.ReceivedAt.UtcDateTime));
        upsert.Add("da", NpgsqlDbType.TimestampTz, rows.Select(r => r.DueAt?.UtcDateTime));
        upsert.Add("dd", NpgsqlDbType.Date, rows.Select(r => r.DueDate));
        upsert.Add("dp", NpgsqlDbType.Boolean, rows.Select(r => r.DueProvisional));
        upsert.Add("v", NpgsqlDbType.Integer, rows.Select(r => r.Version));
        upsert.Add("gi", NpgsqlDbType.Text, rows.Select(r => RowColumns.Joined(r.Grant?.DataItems)));
        upsert.Add("gs", NpgsqlDbType.Text, rows.Select(r => r.Grant?.Scenario));
        upsert.Add("vf", NpgsqlDbType.Date, rows.Select(r => r.Grant?.ValidFrom));
        upsert.Add("vt", NpgsqlDbType.Date, rows.Select(r => r.Grant?.ValidTo));
        upsert.Add("ga", NpgsqlDbType.TimestampTz, rows.Select(r => r.Grant?.GrantedAt.UtcDateTime));
        upsert.Add("gk", NpgsqlDbType.Text, rows.Select(r => r.Grant is { } g ? AccessRules.ScenarioKey(g.Scenario) : null));
        return upsert;
    });

    public Task<Page<ShareRequestSummary>> Inbox(string provider, PageRequest page) =>
        DuePage($"provider_department = @department AND {Open}", provider, page);

    public Task<Page<ShareRequestSummary>> Overdue(PageRequest page) => DuePage("status = 'Overdue'", null, page);

    public Task<Page<ShareRequestSummary>> Awaiting(PageRequest page) => DuePage("status = 'AwaitingProvider'", null, page);

    public async Task<IReadOnlyList<OpenCaseCount>> CountOpen(DueBounds bounds)
    {
        // One pass over the open rows (index share_request_rows_inbox_page is partial on them), however many requests
        // have ended before.
        await using var command = database.CreateCommand($"""
            SELECT @kind, status, provider_department, {OpenCaseCounts.Columns}
            FROM share_request_rows
            WHERE {Open}
            GROUP BY status, provider_department
            """);
        command.Parameters.AddWithValue("kind", CaseKinds.ShareRequest);
        return await OpenCaseCounts.Read(command, bounds);
    }

    public async Task<Page<ShareRequestSummary>> Outbox(string requester, PageRequest page)
    {
        var after = Cursor.Parts(page.After, 2);
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM share_request_rows
            WHERE requester_department = @department
              AND (@afterAt::timestamptz IS NULL OR received_at < @afterAt OR (received_at = @afterAt AND id > @afterId))
            ORDER BY received_at DESC, id
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("department", requester);
        command.Parameters.Add(Nullable("afterAt", NpgsqlDbType.TimestampTz, after is null ? null : new DateTime(-Cursor.Long(after[0]), DateTimeKind.Utc)));
        command.Parameters.AddWithValue("afterId", after?[1] ?? "");
        command.Parameters.AddWithValue("limit", page.Limit + 1);
        return Page<ShareRequestSummary>.Of(await Read(command), page.Limit, r => Cursor.Of(Cursor.Of(-r.ReceivedAt.UtcTicks), r.Id));
    }

    public async Task<IReadOnlyList<ShareRequestSummary>> Grants(string requester, string entryCode, string scenario, int limit)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM share_request_rows
            WHERE requester_department = @requester AND entry_code = @entry AND grant_scenario_key = @scenario AND status = 'Granted'
            ORDER BY valid_to DESC, id
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("requester", requester);
        command.Parameters.AddWithValue("entry", entryCode);
        command.Parameters.AddWithValue("scenario", AccessRules.ScenarioKey(scenario));
        command.Parameters.AddWithValue("limit", limit);
        return await Read(command);
    }

    /// <summary>A skip scan over index share_request_rows_entry_holders (migration 0012), a department at a time.</summary>
    public async Task<Page<string>> GrantHolders(string entryCode, PageRequest page)
    {
        await using var command = database.CreateCommand("""
            WITH RECURSIVE holders(department) AS (
                SELECT min(requester_department COLLATE "C") FROM share_request_rows
                WHERE entry_code = @entry AND status = 'Granted' AND requester_department COLLATE "C" > @after
                UNION ALL
                SELECT (SELECT min(r.requester_department COLLATE "C") FROM share_request_rows r
                        WHERE r.entry_code = @entry AND r.status = 'Granted' AND r.requester_department COLLATE "C" > h.department)
                FROM holders h WHERE h.department IS NOT NULL)
            SELECT department FROM holders WHERE department IS NOT NULL
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("entry", entryCode);
        command.Parameters.AddWithValue("after", DepartmentPages.After(page, DepartmentPages.GrantHolders) ?? "");
        command.Parameters.AddWithValue("limit", page.Limit + 1);
        return DepartmentPages.Of(await command.ReadStrings(), page, DepartmentPages.GrantHolders);
    }

    /// <summary>A page soonest due first; the due instant is never null in these lists, but sorts last if it were.</summary>
    private async Task<Page<ShareRequestSummary>> DuePage(string where, string? department, PageRequest page)
    {
        var after = Cursor.Parts(page.After, 2);
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM share_request_rows
            WHERE {where}
              AND (@afterDue::timestamptz IS NULL OR (due_at, id) > (@afterDue, @afterId))
            ORDER BY due_at, id
            LIMIT @limit
            """);
        if (department is not null)
        {
            command.Parameters.AddWithValue("department", department);
        }

        command.Parameters.Add(Nullable("afterDue", NpgsqlDbType.TimestampTz, after is null ? null : new DateTime(Cursor.Long(after[0]), DateTimeKind.Utc)));
        command.Parameters.AddWithValue("afterId", after?[1] ?? "");
        command.Parameters.AddWithValue("limit", page.Limit + 1);
        return Page<ShareRequestSummary>.Of(await Read(command), page.Limit, r => Cursor.Of(Cursor.Of(r.DueAt!.Value.UtcTicks), r.Id));
    }

    private static async Task<List<ShareRequestSummary>> Read(NpgsqlCommand command)
    {
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
                reader.GetInt32(11),
                reader.IsDBNull(12) ? null : new ShareGrant(
                    reader.GetFieldValue<string[]>(12), reader.GetString(13), reader.GetFieldValue<DateOnly>(14),
                    reader.GetFieldValue<DateOnly>(15), reader.GetFieldValue<DateTimeOffset>(16))));
        }

        return rows;
    }

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };
}
