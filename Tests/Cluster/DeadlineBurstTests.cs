using System.Diagnostics;
using System.Net;
using DataSharing.Common;
using DataSharing.Tests.Support;
using Xunit.Abstractions;
using static DataSharing.Tests.Cluster.ClusterScenario;

namespace DataSharing.Tests.Cluster;

/// <summary>
/// Issue 9 item 6, at a size CI can run (bench/deadline-scale.py runs it at a million): hundreds of Art 25 deadlines
/// left pending, every process stopped, the cluster brought back days later, so that all of them fall due at once.
/// With small connection pools, the catch-up queues for connections instead of being refused by PostgreSQL, the API
/// (started before the silos) waits for them instead of exiting, and every deadline is acted on within two minutes.
/// </summary>
[Collection(nameof(ClusterCollection))]
public sealed class DeadlineBurstTests(ITestOutputHelper output)
{
    private const int Pending = 400;

    [Fact]
    public async Task Art25_Art43_hundreds_of_deadlines_falling_due_at_once_after_a_restart_are_all_acted_on_within_two_minutes()
    {
        // Pools far smaller than the burst: 4 processes x (4 + 2) connections, so the burst must wait for connections.
        await using var cluster = await LocalCluster.Start(settings: new Dictionary<string, string>
        {
            ["Platform__OrleansPoolSize"] = "4",
            ["Platform__PlatformPoolSize"] = "2",
        });
        try
        {
            var rs = await cluster.ClientFor(Role.DepartmentOperator, Requester);
            var ids = new List<string>();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < Pending)
                {
                    var attempt = await Submit(rs, "Deadline burst", $"burst-{i}");
                    Assert.Equal(HttpStatusCode.Created, attempt.Status);
                    lock (ids)
                    {
                        ids.Add(attempt.Id!);
                    }
                }
            }));

            await cluster.StopAll();
            var restarted = Stopwatch.StartNew();
            // The API first, as after a host reboot where it comes up before the silos: it waits for them.
            await cluster.StartAll(TimeSpan.FromDays(20), apiFirst: true);
            output.WriteLine($"{Pending} deadlines pending; cluster and API healthy {restarted.Elapsed.TotalSeconds:F1} s after the restart began");

            var admin = await cluster.ClientFor(Role.PlatformAdmin);
            var healthy = Stopwatch.StartNew();
            var overdue = 0;
            while (healthy.Elapsed < TimeSpan.FromMinutes(2))
            {
                overdue = (await Pages.All(admin, "/api/share-requests/overdue", limit: 1000)).Count;
                if (overdue >= Pending)
                {
                    break;
                }

                await Task.Delay(1000);
            }

            output.WriteLine($"{overdue} of {Pending} overdue {healthy.Elapsed.TotalSeconds:F1} s after the cluster was healthy");
            Assert.Equal(Pending, overdue);

            var violations = await Pages.All(admin, "/api/violations", limit: 1000);
            Assert.Superset(ids.ToHashSet(), violations.Select(v => v.GetProperty("caseId").GetString()!).ToHashSet());
            Assert.DoesNotContain("53300", cluster.Logs(lines: 100_000));
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }
}
