using Npgsql;

namespace DataSharing.Tests.Cluster;

[Collection(nameof(ClusterCollection))]
public sealed class MigrationTests
{
    private static string Script => Path.Combine(Repository.Root, "deploy", "postgres", "migrate.sh");

    private static async Task<(string Uri, string ConnectionString)> EmptyDatabase()
    {
        var server = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString);
        var name = $"ds_mig_{Guid.NewGuid():N}"[..22];
        await using var admin = new NpgsqlConnection(server.ConnectionString);
        await admin.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
        server.Database = name;
        return ($"postgresql://{server.Username}@{server.Host}:{server.Port}/{name}", server.ConnectionString);
    }

    [Fact]
    public async Task The_migration_command_is_safe_twice_and_from_two_processes_at_once()
    {
        var (uri, connectionString) = await EmptyDatabase();

        var concurrent = await Task.WhenAll(Processes.Run("bash", [Script, uri]), Processes.Run("bash", [Script, uri]));
        Assert.All(concurrent, r => Assert.True(r.ExitCode == 0, r.Output));
        var again = await Processes.Run("bash", [Script, uri]);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.DoesNotContain("applying", again.Output);

        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var applied = (long)(await new NpgsqlCommand("SELECT count(*) FROM schema_migrations", db).ExecuteScalarAsync())!;
        Assert.Equal(Directory.GetFiles(Path.Combine(Repository.Root, "deploy", "postgres", "migrations"), "*.sql").Length, applied);

        // Every query key the three Orleans providers look up is there.
        string[] keys =
        [
            "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "MembershipReadRowKey",
            "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "CleanupDefunctSiloEntriesKey",
            "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
            "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
            "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];
        var present = new List<string>();
        await using (var reader = await new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", db).ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                present.Add(reader.GetString(0));
            }
        }

        Assert.Equal(keys.Order(), present.Order());
    }

    [Fact]
    public async Task A_migration_changed_after_it_was_applied_is_refused()
    {
        var (uri, connectionString) = await EmptyDatabase();
        Assert.Equal(0, (await Processes.Run("bash", [Script, uri])).ExitCode);
        await using (var db = new NpgsqlConnection(connectionString))
        {
            await db.OpenAsync();
            await new NpgsqlCommand("UPDATE schema_migrations SET checksum = 'tampered' WHERE name LIKE '0001%'", db).ExecuteNonQueryAsync();
        }

        var refused = await Processes.Run("bash", [Script, uri]);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("was changed after it was applied", refused.Output);
    }
}
