namespace DataSharing.Tests.Cluster;

/// <summary>A PostgreSQL server of the test's own (deploy/postgres/pg-local.sh), so the test can stop and start it.</summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private static readonly string Script = Path.Combine(Repository.Root, "deploy", "postgres", "pg-local.sh");
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "datasharing-tests", $"pg-{Guid.NewGuid():N}");

    public string ConnectionString { get; private set; } = "";

    public static async Task<PrivatePostgres> Start()
    {
        var server = new PrivatePostgres();
        var port = Processes.FreePort();
        var started = await Processes.Run("bash", [Script, "start", server._dataDir, port.ToString()], timeout: TimeSpan.FromMinutes(5));
        if (started.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg-local.sh start failed:\n{started.Output}");
        }

        server.ConnectionString = started.Output.Trim().Split('\n')[^1].Trim();
        return server;
    }

    public Task Stop() => Run("stop");

    public Task Restart() => Run("start");

    public async ValueTask DisposeAsync()
    {
        await Processes.Run("bash", [Script, "stop", _dataDir]);
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private async Task Run(string verb)
    {
        var args = verb == "start"
            ? new[] { Script, verb, _dataDir, new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Port.ToString() }
            : new[] { Script, verb, _dataDir };
        var result = await Processes.Run("bash", args, timeout: TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg-local.sh {verb} failed:\n{result.Output}");
        }
    }
}
