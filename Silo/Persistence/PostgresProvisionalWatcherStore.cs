using DataSharing.Calendar;
using Npgsql;
using Orleans.Runtime;

namespace DataSharing.Silo.Persistence;

/// <summary>The cluster-mode provisional watchers: table provisional_watchers (migration 0007), written through the silo's group commit.</summary>
public sealed class PostgresProvisionalWatcherStore(NpgsqlDataSource database, PostgresGroupCommit commit) : IProvisionalWatcherStore
{
    public Task Add(int year, GrainId bearer) => commit.Write([], batch =>
    {
        var insert = new NpgsqlBatchCommand("INSERT INTO provisional_watchers (year, bearer) VALUES (@year, @bearer) ON CONFLICT DO NOTHING");
        insert.Parameters.AddWithValue("year", year);
        insert.Parameters.AddWithValue("bearer", bearer.ToString());
        batch.BatchCommands.Add(insert);
    });

    public async Task<IReadOnlyList<GrainId>> Page(int year, GrainId? after, int limit)
    {
        await using var command = database.CreateCommand($"""
            SELECT bearer FROM provisional_watchers
            WHERE year = @year {(after is null ? "" : "AND bearer > @after")}
            ORDER BY bearer
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("year", year);
        if (after is { } last)
        {
            command.Parameters.AddWithValue("after", last.ToString());
        }

        command.Parameters.AddWithValue("limit", limit);
        var bearers = new List<GrainId>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            bearers.Add(GrainId.Parse(reader.GetString(0)));
        }

        return bearers;
    }

    public Task Remove(int year, IReadOnlyList<GrainId> bearers) => bearers.Count == 0 ? Task.CompletedTask : commit.Write([], batch =>
    {
        var delete = new NpgsqlBatchCommand("DELETE FROM provisional_watchers WHERE year = @year AND bearer = ANY (@bearers)");
        delete.Parameters.AddWithValue("year", year);
        delete.Parameters.AddWithValue("bearers", bearers.Select(b => b.ToString()).ToArray());
        batch.BatchCommands.Add(delete);
    });
}
