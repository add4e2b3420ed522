using DataSharing.Catalog;
using DataSharing.Common;
using Npgsql;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// The cluster-mode catalog list: table catalog_rows (migration 0007, the open entries' index 0010, the copies of other
/// platforms' entries 0016), written through the silo's group commit, read
/// a page at a time in code order with the viewer's visibility and the filters in the query.
/// </summary>
public sealed class PostgresCatalogListStore(NpgsqlDataSource database, PostgresGroupCommit commit) : ICatalogListStore
{
    private const string Columns =
        "code, name, classification, provider_department, share_type, open_type, status, version, updated_at, is_personalized, is_suspended, emergency_open, "
        + "origin_platform, reported_at";

    public Task Upsert(CatalogEntrySummary row) => commit.Write([], batch =>
    {
        var upsert = new NpgsqlBatchCommand($"""
            INSERT INTO catalog_rows ({Columns}, written_at)
            VALUES (@code, @name, @classification, @provider, @shareType, @openType, @status, @version, @updatedAt, @personalized, @suspended, @emergency,
                    @origin, @reportedAt, now())
            ON CONFLICT (code) DO UPDATE SET
                name = EXCLUDED.name, classification = EXCLUDED.classification, provider_department = EXCLUDED.provider_department,
                share_type = EXCLUDED.share_type, open_type = EXCLUDED.open_type, status = EXCLUDED.status,
                version = EXCLUDED.version, updated_at = EXCLUDED.updated_at, is_personalized = EXCLUDED.is_personalized,
                is_suspended = EXCLUDED.is_suspended, emergency_open = EXCLUDED.emergency_open,
                origin_platform = EXCLUDED.origin_platform, reported_at = EXCLUDED.reported_at, written_at = now()
            WHERE catalog_rows.version < EXCLUDED.version
               OR (catalog_rows.version = EXCLUDED.version
                   AND (catalog_rows.name, catalog_rows.classification, catalog_rows.provider_department, catalog_rows.share_type,
                        catalog_rows.open_type, catalog_rows.status, catalog_rows.updated_at, catalog_rows.is_personalized,
                        catalog_rows.is_suspended, catalog_rows.emergency_open, catalog_rows.origin_platform, catalog_rows.reported_at)
                       IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.classification, EXCLUDED.provider_department, EXCLUDED.share_type,
                        EXCLUDED.open_type, EXCLUDED.status, EXCLUDED.updated_at, EXCLUDED.is_personalized,
                        EXCLUDED.is_suspended, EXCLUDED.emergency_open, EXCLUDED.origin_platform, EXCLUDED.reported_at))
            """);
        var p = upsert.Parameters;
        p.AddWithValue("code", row.Code);
        p.AddWithValue("name", row.Name);
        p.AddWithValue("classification", row.Classification);
        p.AddWithValue("provider", row.ProviderDepartment);
        p.AddWithValue("shareType", row.ShareType.ToString());
        p.AddWithValue("openType", row.OpenType.ToString());
        p.AddWithValue("status", row.Status.ToString());
        p.AddWithValue("version", row.Version);
        p.AddWithValue("updatedAt", row.UpdatedAt.ToUniversalTime());
        p.AddWithValue("personalized", row.IsPersonalized);
        p.AddWithValue("suspended", row.IsSuspended);
        p.AddWithValue("emergency", row.EmergencyOpen);
        p.AddWithValue("origin", (object?)row.OriginPlatform ?? DBNull.Value);
        p.AddWithValue("reportedAt", row.ReportedAt is { } reported ? reported.ToUniversalTime() : DBNull.Value);
        batch.BatchCommands.Add(upsert);
    });

    public async Task<Page<CatalogEntrySummary>> List(CatalogListQuery query, PageRequest page)
    {
        var after = CatalogListCursor.After(page);
        var where = new List<string>();
        await using var command = database.CreateCommand();
        void Where(string condition, string name, object value)
        {
            where.Add(condition);
            command.Parameters.AddWithValue(name, value);
        }

        if (!query.ViewerOversight)
        {
            // Published entries for everyone; drafts and retired entries for their own department.
            Where(query.ViewerDepartment is null ? "status = @published" : "(status = @published OR provider_department = @viewer)",
                "published", nameof(CatalogEntryStatus.Published));
            if (query.ViewerDepartment is { } viewer)
            {
                command.Parameters.AddWithValue("viewer", viewer);
            }
        }

        if (query.Provider is { } provider)
        {
            Where("provider_department = @provider", "provider", provider);
        }

        if (query.ShareType is { } shareType)
        {
            Where("share_type = @shareType", "shareType", shareType.ToString());
        }

        if (query.Status is { } status)
        {
            Where("status = @status", "status", status.ToString());
        }

        if (query.OpenData is { } open)
        {
            // A literal, not a parameter: the planner matches it to the partial index of open entries (migration 0010).
            where.Add(open ? "open_type <> 'NonOpen'" : "open_type = 'NonOpen'");
        }

        if (query.Local is { } local)
        {
            where.Add(local ? "origin_platform IS NULL" : "origin_platform IS NOT NULL");
        }

        if (!string.IsNullOrEmpty(query.Text))
        {
            Where("(strpos(lower(name), @text) > 0 OR strpos(lower(classification), @text) > 0)", "text", query.Text.ToLowerInvariant());
        }

        if (after is not null)
        {
            Where("code > @after", "after", after);
        }

        command.Parameters.AddWithValue("limit", page.Limit + 1);
        command.CommandText = $"""
            SELECT {Columns} FROM catalog_rows
            {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY code
            LIMIT @limit
            """;

        var rows = new List<CatalogEntrySummary>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new CatalogEntrySummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                Enum.Parse<ShareType>(reader.GetString(4)), Enum.Parse<OpenType>(reader.GetString(5)),
                Enum.Parse<CatalogEntryStatus>(reader.GetString(6)), reader.GetInt32(7),
                reader.GetFieldValue<DateTimeOffset>(8).ToOffset(ShanghaiTime.Offset), reader.GetBoolean(9), reader.GetBoolean(10), reader.GetBoolean(11),
                reader.IsDBNull(12) ? null : reader.GetString(12),
                reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13).ToOffset(ShanghaiTime.Offset)));
        }

        return Page<CatalogEntrySummary>.Of(rows, page.Limit, CatalogListCursor.Of);
    }
}
