using System.Text.Json;
using System.Text.Json.Serialization;
using DataSharing.Catalog;
using DataSharing.Common;
using Npgsql;
using NpgsqlTypes;

namespace DataSharing.Silo.Persistence;

/// <summary>
/// The cluster-mode version history: table catalog_versions (migration 0007), one row per (code, version), the content
/// as JSON (readable by an auditor with any PostgreSQL client), written through the silo's group commit.
/// </summary>
public sealed class PostgresCatalogHistoryStore(NpgsqlDataSource database, PostgresGroupCommit commit) : ICatalogHistoryStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public Task Append(string code, IReadOnlyList<CatalogEntryVersion> versions) => commit.Write([], batch =>
    {
        foreach (var version in versions)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO catalog_versions (code, version, content, edited_subject, edited_role, edited_department, edited_at, note)
                VALUES (@code, @version, @content, @subject, @role, @department, @editedAt, @note)
                ON CONFLICT (code, version) DO NOTHING
                """);
            var p = insert.Parameters;
            p.AddWithValue("code", code);
            p.AddWithValue("version", version.Version);
            p.Add(new NpgsqlParameter("content", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(version.Content, Json) });
            p.AddWithValue("subject", version.EditedBy.Subject);
            p.AddWithValue("role", version.EditedBy.Role);
            p.Add(new NpgsqlParameter("department", NpgsqlDbType.Text) { Value = (object?)version.EditedBy.Department ?? DBNull.Value });
            p.AddWithValue("editedAt", version.EditedAt.ToUniversalTime());
            p.Add(new NpgsqlParameter("note", NpgsqlDbType.Text) { Value = (object?)version.Note ?? DBNull.Value });
            batch.BatchCommands.Add(insert);
        }
    });

    public async Task<Page<CatalogEntryVersion>> List(string code, PageRequest page)
    {
        await using var command = database.CreateCommand("""
            SELECT version, content::text, edited_subject, edited_role, edited_department, edited_at, note
            FROM catalog_versions
            WHERE code = @code AND version > @after
            ORDER BY version
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("code", code);
        command.Parameters.AddWithValue("after", CatalogHistoryCursor.After(page));
        command.Parameters.AddWithValue("limit", page.Limit + 1);

        var versions = new List<CatalogEntryVersion>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add(new CatalogEntryVersion(
                reader.GetInt32(0),
                JsonSerializer.Deserialize<CatalogEntryContent>(reader.GetString(1), Json)!,
                new Actor(reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)),
                reader.GetFieldValue<DateTimeOffset>(5).ToOffset(ShanghaiTime.Offset),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return Page<CatalogEntryVersion>.Of(versions, page.Limit, CatalogHistoryCursor.Of);
    }
}
