using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using Xunit.Abstractions;
using static DataSharing.Tests.Cluster.ClusterScenario;

namespace DataSharing.Tests.Cluster;

[Collection(nameof(ClusterCollection))]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PostgreSQL_restarted_under_load_gives_503_problems_never_500_or_a_hang_and_the_API_recovers_on_its_own()
    {
        await using var postgres = await PrivatePostgres.Start();
        await using var cluster = await LocalCluster.Start(server: postgres.ConnectionString);
        try
        {
            var rs = await cluster.ClientFor(Role.DepartmentOperator, Requester);
            var attempts = new ConcurrentBag<(Attempt Attempt, string? ContentType)>();
            using var stop = new CancellationTokenSource();
            var sequence = 0;
            var load = Enumerable.Range(0, 4).Select(async _ =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var key = $"outage-{Interlocked.Increment(ref sequence)}";
                    var attempt = await Submit(rs, "Database outage drill", key);
                    attempts.Add((attempt, null));
                    await Task.Delay(50);
                }
            }).ToList();

            await Task.Delay(TimeSpan.FromSeconds(3));
            await postgres.Stop();
            output.WriteLine("PostgreSQL stopped");

            // While the database is down, a problem says so: /health is 503 and submissions are 503 problems.
            using var probe = new HttpClient { BaseAddress = cluster.Api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            await Task.Delay(TimeSpan.FromSeconds(8));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await probe.GetAsync("/health")).StatusCode);
            var during = await rs.PostAsJsonAsync("/api/share-requests", Request("Database outage drill"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
            Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);
            Assert.True(during.Headers.Contains("Retry-After"));

            await postgres.Restart();
            var restarted = Stopwatch.StartNew();
            output.WriteLine("PostgreSQL started again");

            // Recovery needs no operator: the first submission that succeeds after the restart ends the wait.
            double? recoveredAfter = null;
            while (restarted.Elapsed < TimeSpan.FromSeconds(90))
            {
                if ((await Submit(rs, "Database outage drill", $"recovery-{Guid.NewGuid():N}")).Status == HttpStatusCode.Created)
                {
                    recoveredAfter = restarted.Elapsed.TotalSeconds;
                    break;
                }

                await Task.Delay(250);
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            stop.Cancel();
            await Task.WhenAll(load);

            var all = attempts.Select(a => a.Attempt).ToList();
            var summary = all.GroupBy(a => a.Status?.ToString() ?? a.Error).ToDictionary(g => g.Key!, g => g.Count());
            output.WriteLine($"{all.Count} submissions under load: {string.Join(", ", summary.Select(s => $"{s.Key}={s.Value}"))}; " +
                $"slowest {all.Max(a => a.Took).TotalSeconds:F1} s; recovered {recoveredAfter:F1} s after PostgreSQL restarted");

            Assert.NotNull(recoveredAfter);
            Assert.All(all, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable,
                $"{a.Key}: {a.Status?.ToString() ?? a.Error} after {a.Took.TotalSeconds:F1} s"));
            Assert.Contains(all, a => a.Status == HttpStatusCode.ServiceUnavailable);
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health")).StatusCode);

            // Every acknowledged submission is there.
            foreach (var acknowledged in all.Where(a => a.Status == HttpStatusCode.Created))
            {
                Assert.NotNull(await Get(rs, acknowledged.Id!));
            }
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }
}
