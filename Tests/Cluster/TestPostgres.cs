using Npgsql;

namespace DataSharing.Tests.Cluster;

/// <summary>
/// The real PostgreSQL server the cluster tests run against: DATASHARING_TEST_PG, set by test.sh after it has
/// started a local server (deploy/postgres/pg-local.sh). Without it the tests fail rather than skip.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "DATASHARING_TEST_PG";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: run the tests with ./test.sh, which starts PostgreSQL.");

    /// <summary>Creates an empty database, migrates it with the project's migration command and returns its connection string.</summary>
    public static async Task<string> CreateMigratedDatabase(string? server = null)
    {
        server ??= ServerConnectionString;
        var name = $"ds_test_{Guid.NewGuid():N}"[..24];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        var env = builder.Password is { Length: > 0 } password ? new Dictionary<string, string> { ["PGPASSWORD"] = password } : null;
        var migrate = await Processes.Run("bash",
            [Path.Combine(Repository.Root, "deploy", "postgres", "migrate.sh"), $"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{name}"], env);
        if (migrate.ExitCode != 0)
        {
            throw new InvalidOperationException($"migrate.sh failed ({migrate.ExitCode}):\n{migrate.Output}");
        }

        return builder.ConnectionString;
    }
}
