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

    public Task Upsert(ShareRequestSummary row) => commit.Write([], batch => batch.BatchCommands.Add(UpsertCommand(row)));

    /// <summary>The upsert of one row: an older version never replaces a newer one.</summary>
    public static NpgsqlBatchCommand UpsertCommand(ShareRequestSummary row)
    {
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO share_request_rows ({Columns}, grant_scenario_key, written_at)
            VALUES (@id, @requester, @provider, @entry, @name, @shareType, @status, @received, @dueAt, @dueDate, @provisional, @version,
                    @grantItems, @grantScenario, @validFrom, @validTo, @grantedAt, @grantScenarioKey, now())
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
        var p = command.Parameters;
        p.AddWithValue("id", row.Id);
        p.AddWithValue("requester", row.RequesterDepartment);
        p.AddWithValue("provider", row.ProviderDepartment);
        p.AddWithValue("entry", row.EntryCode);
        p.AddWithValue("name", row.EntryName);
        p.AddWithValue("shareType", row.ShareType.ToString());
        p.AddWithValue("status", row.Status.ToString());
        // timestamptz takes instants in UTC only; the offset of a due instant (+08:00) is presentation.
        p.AddWithValue("received", row.ReceivedAt.ToUniversalTime());
        p.Add(Nullable("dueAt", NpgsqlDbType.TimestampTz, row.DueAt?.ToUniversalTime()));
        p.Add(Nullable("dueDate", NpgsqlDbType.Date, row.DueDate));
        p.AddWithValue("provisional", row.DueProvisional);
        p.AddWithValue("version", row.Version);
        p.Add(Nullable("grantItems", NpgsqlDbType.Array | NpgsqlDbType.Text, row.Grant?.DataItems.ToArray()));
        p.Add(Nullable("grantScenario", NpgsqlDbType.Text, row.Grant?.Scenario));
        p.Add(Nullable("grantScenarioKey", NpgsqlDbType.Text, row.Grant is { } g ? AccessRules.ScenarioKey(g.Scenario) : null));
        p.Add(Nullable("validFrom", NpgsqlDbType.Date, row.Grant?.ValidFrom));
        p.Add(Nullable("validTo", NpgsqlDbType.Date, row.Grant?.ValidTo));
        p.Add(Nullable("grantedAt", NpgsqlDbType.TimestampTz, row.Grant?.GrantedAt.ToUniversalTime()));
        return command;
    }

    public Task<Page<ShareRequestSummary>> Inbox(string provider, PageRequest page) =>
        DuePage($"provider_department = @department AND {Open}", provider, page);

    public Task<Page<ShareRequestSummary>> Overdue(PageRequest page) => DuePage("status = 'Overdue'", null, page);

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
