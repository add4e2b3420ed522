using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DataSharing.Common;
using Npgsql;
using Xunit.Abstractions;
using static DataSharing.Tests.Cluster.ClusterScenario;

namespace DataSharing.Tests.Cluster;

/// <summary>
/// Issue 9 item 8: the membership tuning that makes failover fast (2 s probes, 8 s response timeout) must not make a
/// busy cluster suspect a healthy silo. Half a minute of full load on three healthy silos: none is suspected, none
/// declared dead, no request refused.
/// </summary>
[Collection(nameof(ClusterCollection))]
public sealed class FailoverTuningTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Under_full_load_no_healthy_silo_is_suspected_or_declared_dead()
    {
        await using var cluster = await LocalCluster.Start();
        try
        {
            var rs = await cluster.ClientFor(Role.DepartmentOperator, Requester);
            var statuses = new ConcurrentDictionary<string, int>();
            var slowest = TimeSpan.Zero;
            var load = Stopwatch.StartNew();
            var next = 0;
            await Task.WhenAll(Enumerable.Range(0, 32).Select(async worker =>
            {
                while (load.Elapsed < TimeSpan.FromSeconds(30))
                {
                    var attempt = await Submit(rs, "Load on a healthy cluster", $"load-{Interlocked.Increment(ref next)}");
                    statuses.AddOrUpdate(attempt.Status?.ToString() ?? attempt.Error ?? "?", 1, (_, n) => n + 1);
                    lock (statuses)
                    {
                        slowest = attempt.Took > slowest ? attempt.Took : slowest;
                    }
                }
            }));

            output.WriteLine($"{next} submissions in 30 s: {string.Join(", ", statuses.Select(s => $"{s.Key}={s.Value}"))}; slowest {slowest.TotalSeconds:F1} s");
            Assert.Equal([nameof(HttpStatusCode.Created)], statuses.Keys);

            await using var db = new NpgsqlConnection(cluster.ConnectionString);
            await db.OpenAsync();
            await using var members = new NpgsqlCommand("SELECT address, port, status, coalesce(suspect_times, '') FROM orleans_membership", db);
            await using var reader = await members.ExecuteReaderAsync();
            var rows = new List<(string Silo, int Status, string Suspicions)>();
            while (await reader.ReadAsync())
            {
                rows.Add(($"{reader.GetString(0)}:{reader.GetInt32(1)}", reader.GetInt32(2), reader.GetString(3)));
            }

            foreach (var row in rows)
            {
                output.WriteLine($"{row.Silo} status {row.Status} suspicions '{row.Suspicions}'");
            }

            // Status 3 is Active (Orleans' SiloStatus); a suspicion would be recorded in suspect_times.
            Assert.Equal(3, rows.Count);
            Assert.All(rows, row => Assert.Equal(3, row.Status));
            Assert.All(rows, row => Assert.Equal("", row.Suspicions));
            Assert.All(cluster.Silos, silo => Assert.True(silo.Running));
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }
}
