using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using Xunit.Abstractions;

namespace DataSharing.Tests.Cluster;

/// <summary>
/// Art 21 on a three-silo cluster whose silos cache grants: a revoked grant stops being honoured within the stated
/// bound (<see cref="CacheOptions.GrantMaxAge"/>), whichever silo checks.
/// </summary>
[Collection(nameof(ClusterCollection))]
public sealed class GrantCacheClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Art21_a_revoked_grant_stops_being_honoured_by_every_silo_within_the_cache_bound()
    {
        await using var cluster = await LocalCluster.Start();
        try
        {
            var rs = await cluster.ClientFor("DepartmentOperator", "340000-RS");
            var ga = await cluster.ClientFor("DepartmentOperator", "340000-GA");
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            var submitted = await rs.PostAsJsonAsync("/api/share-requests", new
            {
                entryCode = "340000-GA-0002", dataItems = new[] { "idNumber" }, scenario = "Benefit checks",
                periodFrom = today.ToString("yyyy-MM-dd"), periodTo = today.AddDays(30).ToString("yyyy-MM-dd"),
            });
            submitted.EnsureSuccessStatusCode();
            var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

            async Task<bool> Allowed()
            {
                var check = await rs.PostAsJsonAsync("/api/access-checks", new { entryCode = "340000-GA-0002", dataItems = new[] { "idNumber" }, scenario = "Benefit checks" });
                check.EnsureSuccessStatusCode();
                return (await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision").GetProperty("allowed").GetBoolean();
            }

            // Every silo that serves checks has the grant cached.
            for (var i = 0; i < 30; i++)
            {
                Assert.True(await Allowed());
            }

            (await ga.PostAsJsonAsync($"/api/share-requests/{id}/revoke", new { reason = "The scenario ended." })).EnsureSuccessStatusCode();
            var revoked = Stopwatch.StartNew();
            var lastAllowed = TimeSpan.Zero;
            while (revoked.Elapsed < TimeSpan.FromSeconds(6))
            {
                // Timed when sent: the check is decided after that, so an allowed one was decided no earlier.
                var sent = revoked.Elapsed;
                if (await Allowed())
                {
                    lastAllowed = sent;
                }
            }

            output.WriteLine($"last check allowed {lastAllowed.TotalMilliseconds:F0} ms after the revocation was acknowledged");
            var bound = new CacheOptions().GrantMaxAge;
            Assert.True(lastAllowed <= bound, $"a check was allowed {lastAllowed} after the revocation (bound {bound})");
            Assert.False(await Allowed());
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }
}
