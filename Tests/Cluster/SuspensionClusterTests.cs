using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using Xunit.Abstractions;

namespace DataSharing.Tests.Cluster;

/// <summary>
/// Art 41 on a three-silo cluster whose silos cache catalog entries: an incident's suspension is honoured by every
/// silo's access gate within the stated bound (<see cref="CacheOptions.CatalogMaxAge"/>), and its lifting at once.
/// </summary>
[Collection(nameof(ClusterCollection))]
public sealed class SuspensionClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Art41_a_suspension_denies_access_checks_on_every_silo_within_the_catalog_cache_bound_and_lifting_it_counts_at_once()
    {
        await using var cluster = await LocalCluster.Start();
        try
        {
            var rs = await cluster.ClientFor("DepartmentOperator", "340000-RS");
            var ga = await cluster.ClientFor("DepartmentOperator", "340000-GA");
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            (await rs.PostAsJsonAsync("/api/share-requests", new
            {
                entryCode = "340000-GA-0002", dataItems = new[] { "idNumber" }, scenario = "Benefit checks",
                periodFrom = today.ToString("yyyy-MM-dd"), periodTo = today.AddDays(30).ToString("yyyy-MM-dd"),
            })).EnsureSuccessStatusCode();

            async Task<bool> Allowed()
            {
                var check = await rs.PostAsJsonAsync("/api/access-checks", new { entryCode = "340000-GA-0002", dataItems = new[] { "idNumber" }, scenario = "Benefit checks" });
                check.EnsureSuccessStatusCode();
                return (await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision").GetProperty("allowed").GetBoolean();
            }

            // Every silo that serves checks has the entry (unsuspended) cached.
            for (var i = 0; i < 30; i++)
            {
                Assert.True(await Allowed());
            }

            var recorded = await ga.PostAsJsonAsync("/api/incidents", new
            {
                entryCode = "340000-GA-0002", description = "Gateway credentials leaked.", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
                affectedRecords = "Lookups since 09:00.", suspendGrants = true,
            });
            recorded.EnsureSuccessStatusCode();
            var id = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            var suspended = Stopwatch.StartNew();
            var lastAllowed = TimeSpan.Zero;
            while (suspended.Elapsed < TimeSpan.FromSeconds(8))
            {
                // Timed when sent: the check is decided after that, so an allowed one was decided no earlier.
                var sent = suspended.Elapsed;
                if (await Allowed())
                {
                    lastAllowed = sent;
                }
            }

            output.WriteLine($"last check allowed {lastAllowed.TotalMilliseconds:F0} ms after the suspension was acknowledged");
            var bound = new CacheOptions().CatalogMaxAge;
            Assert.True(lastAllowed <= bound, $"a check was allowed {lastAllowed} after the suspension (bound {bound})");
            Assert.False(await Allowed());

            // A suspended entry is read afresh before a check is denied: lifting counts at once, whichever silo checks.
            (await ga.PostAsJsonAsync($"/api/incidents/{id}/close", new { remedy = "Credentials rotated." })).EnsureSuccessStatusCode();
            for (var i = 0; i < 30; i++)
            {
                Assert.True(await Allowed());
            }
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }
}
