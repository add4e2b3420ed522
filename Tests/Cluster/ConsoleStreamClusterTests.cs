using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Tests.Support;
using DataSharing.Tests.WebConsole;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DataSharing.Tests.Cluster;

/// <summary>
/// The console's live path on a three-silo cluster with two API processes: a case event reaches the open pages of
/// both processes; after one API process is killed (SIGKILL, so it never unsubscribes), the other's pages keep
/// updating and the stream drops the dead process's subscription by itself. The delays measured on the way (state
/// write → hub → rendered page, submit → card visible) go to artifacts/console/live-path-cluster.txt; they are a
/// measurement, not a timed assertion.
/// </summary>
[Collection(nameof(ClusterCollection))]
public sealed class ConsoleStreamClusterTests(ITestOutputHelper output)
{
    private const string Provider = "DepartmentOperator|340000-GA";
    private const int Requests = 20;

    /// <summary>What a silo logs when the stream removes a consumer whose client is gone (Orleans' PersistentStreamPullingAgent).</summary>
    private const string ConsumerRemoved = "is no longer active - permanently removing Consumer";

    [Fact]
    public async Task Case_events_reach_pages_on_every_API_process_and_a_killed_process_s_subscription_is_dropped()
    {
        await using var cluster = await LocalCluster.Start();
        try
        {
            var second = await cluster.StartAnotherApi("api2");
            await using var firstBrowser = await ConsoleBrowser.Launch(cluster.Api.BaseAddress.ToString().TrimEnd('/'));
            await using var secondBrowser = await ConsoleBrowser.Launch(second.BaseAddress.ToString().TrimEnd('/'));
            var pages = new List<IPage>();
            foreach (var browser in new[] { firstBrowser, secondBrowser })
            {
                var page = await browser.Window();
                await ConsoleBrowser.SignIn(page, Provider);
                await ConsoleBrowser.Interactive(page);
                pages.Add(page);
            }

            var requester = await cluster.ClientFor("DepartmentOperator", ClusterScenario.Requester);
            var report = new List<string> { $"Console live path on a cluster: 3 silos, 2 API processes, one open inbox page on each, {Environment.ProcessorCount} cores" };

            // Both processes' pages receive every request, whichever process it was submitted through.
            var seen = new List<double>();
            for (var i = 0; i < Requests; i++)
            {
                var clock = Stopwatch.StartNew();
                var id = await Submit(requester, $"live-{i}");
                await Task.WhenAll(pages.Select(p => p.Locator($"li[data-case='{id}']").WaitForAsync(new() { Timeout = 30_000 })));
                seen.Add(clock.Elapsed.TotalMilliseconds);
                await Task.Delay(250);
            }

            foreach (var (api, name) in new[] { (cluster.Api, "api1"), (second, "api2") })
            {
                var authority = await cluster.ClientFor("DataAuthority", via: api);
                var live = await authority.GetFromJsonAsync<JsonElement>("/api/console/live-path");
                Assert.True(live.GetProperty("events").GetInt64() >= Requests, $"{name} received {live.GetProperty("events")} events");
                report.Add($"{name}: {live}");
            }

            report.Add($"both pages: submit call → card visible on both processes' pages {Summary(seen)} ms");

            // The second process dies without unsubscribing; the first process's page keeps updating.
            second.Kill();
            var killed = Stopwatch.StartNew();
            var after = new List<double>();
            for (var i = 0; i < 10; i++)
            {
                var clock = Stopwatch.StartNew();
                var id = await Submit(requester, $"after-kill-{i}");
                await pages[0].Locator($"li[data-case='{id}']").WaitForAsync(new() { Timeout = 30_000 });
                after.Add(clock.Elapsed.TotalMilliseconds);
            }

            report.Add($"after api2 was killed: submit → card visible on api1's page {Summary(after)} ms");

            // Deliveries to the dead client fail as "client not available", and the stream removes its subscription.
            var submitted = 0;
            while (!cluster.Silos.Any(s => File.ReadAllText(s.LogFile).Contains(ConsumerRemoved, StringComparison.Ordinal))
                   && killed.Elapsed < TimeSpan.FromMinutes(4))
            {
                await Submit(requester, $"nudge-{submitted++}");
                await Task.Delay(TimeSpan.FromSeconds(3));
            }

            Assert.True(cluster.Silos.Any(s => File.ReadAllText(s.LogFile).Contains(ConsumerRemoved, StringComparison.Ordinal)),
                $"No silo removed the killed API process's subscription within {killed.Elapsed}.\n{cluster.Logs()}");
            report.Add($"api2's subscription removed by the stream {killed.Elapsed.TotalSeconds:F0} s after the kill ({submitted} more requests meanwhile)");

            Directory.CreateDirectory(ConsoleBrowser.Artifacts);
            await File.WriteAllLinesAsync(Path.Combine(ConsoleBrowser.Artifacts, "live-path-cluster.txt"), report);
            report.ForEach(output.WriteLine);
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }

    private static async Task<string> Submit(HttpClient requester, string scenario)
    {
        var attempt = await ClusterScenario.Submit(requester, scenario, Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Created, attempt.Status);
        return attempt.Id!;
    }

    private static string Summary(List<double> ms)
    {
        var sorted = ms.Order().ToList();
        return $"p50 {sorted[(sorted.Count - 1) / 2]:F0}, p95 {sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1]:F0}, max {sorted[^1]:F0}";
    }
}
