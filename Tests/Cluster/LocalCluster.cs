using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataSharing.Tests.Cluster;

/// <summary>
/// A real cluster on this machine: silo processes and one API process (an Orleans client) over one PostgreSQL
/// database, the way deploy/local-cluster.sh runs it.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string> _common;

    private LocalCluster(string connectionString, int silos, IReadOnlyDictionary<string, string>? settings)
    {
        ConnectionString = connectionString;
        _common = new()
        {
            ["Platform__Mode"] = "Cluster",
            ["Platform__ClusterId"] = $"test-{Guid.NewGuid():N}"[..16],
            ["ConnectionStrings__Platform"] = connectionString,
            ["Platform__ReminderRefreshPeriod"] = "00:00:05",
            ["Auth__SigningKey"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
            ["Auth__DevTokens"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Orleans"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _common[key] = value;
        }

        for (var i = 0; i < silos; i++)
        {
            var env = new Dictionary<string, string>(_common)
            {
                ["Platform__SiloPort"] = Processes.FreePort().ToString(),
                ["Platform__GatewayPort"] = Processes.FreePort().ToString(),
                ["Platform__SeedDemo"] = i == 0 ? "true" : "false",
            };
            Silos.Add(new PlatformProcess($"silo{i + 1}", "Silo", Processes.FreePort(), env));
        }

        Api = new PlatformProcess("api", "Client.Api", Processes.FreePort(), _common);
    }

    public string ConnectionString { get; }

    public List<PlatformProcess> Silos { get; } = [];

    public PlatformProcess Api { get; }

    /// <summary>API processes started besides <see cref="Api"/> (<see cref="StartAnotherApi"/>).</summary>
    public List<PlatformProcess> OtherApis { get; } = [];

    /// <param name="settings">Configuration every process gets (environment variables, e.g. Platform__OrleansPoolSize).</param>
    public static async Task<LocalCluster> Start(int silos = 3, string? server = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = new LocalCluster(await TestPostgres.CreateMigratedDatabase(server), silos, settings);
        await cluster.StartAll();
        return cluster;
    }

    /// <summary>
    /// Starts every silo at once, then the API. Together, because a restarted silo declares its own previous
    /// incarnation (same address and port) dead but waits for the others listed as active: after a full crash
    /// each silo must come back to vouch for its own old entry.
    /// </summary>
    /// <param name="apiFirst">Start the API before the silos: it must wait for them, not exit.</param>
    public async Task StartAll(TimeSpan? clockOffset = null, bool apiFirst = false)
    {
        var env = Offset(clockOffset);
        if (apiFirst)
        {
            Api.Start();
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.True(Api.Running, "The API exited while its cluster was down.");
        }

        foreach (var silo in Silos)
        {
            silo.Start(env);
        }

        await Task.WhenAll(Silos.Select(s => s.WaitHealthy()));
        if (!apiFirst)
        {
            Api.Start();
        }

        await Api.WaitHealthy();
    }

    public async Task StopAll()
    {
        await Api.Stop();
        await Task.WhenAll(Silos.Select(s => s.Stop()));
    }

    public void KillAll()
    {
        Api.Kill();
        foreach (var api in OtherApis)
        {
            api.Kill();
        }

        foreach (var silo in Silos)
        {
            silo.Kill();
        }
    }

    public async Task RestartSilo(int index, TimeSpan? clockOffset = null)
    {
        Silos[index].Kill();
        Silos[index].Start(Offset(clockOffset));
        await Silos[index].WaitHealthy();
    }

    /// <summary>Another API process of the cluster (an Orleans client like <see cref="Api"/>), started and healthy.</summary>
    public async Task<PlatformProcess> StartAnotherApi(string name)
    {
        var api = new PlatformProcess(name, "Client.Api", Processes.FreePort(), _common);
        OtherApis.Add(api);
        api.Start();
        await api.WaitHealthy();
        return api;
    }

    /// <param name="via">The API process to call (<see cref="Api"/> when null).</param>
    public async Task<HttpClient> ClientFor(string role, string? department = null, PlatformProcess? via = null)
    {
        var client = new HttpClient { BaseAddress = (via ?? Api).BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var response = await client.PostAsJsonAsync("/api/dev/tokens", new { role, department });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The last <paramref name="lines"/> of every process's log.</summary>
    public string Logs(int lines = 40) => string.Join("\n\n", Silos.Append(Api).Concat(OtherApis).Select(p => $"== {p.LogFile}\n{p.Tail(lines)}"));

    public async ValueTask DisposeAsync()
    {
        KillAll();
        foreach (var process in Silos.Append(Api).Concat(OtherApis))
        {
            await process.DisposeAsync();
        }
    }

    private static Dictionary<string, string> Offset(TimeSpan? offset) =>
        offset is { } value ? new() { ["Platform__ClockOffset"] = value.ToString("c") } : new();
}
