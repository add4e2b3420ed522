using System.Diagnostics;
using System.Globalization;
using DataSharing.Api.Console;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Sharing;
using DataSharing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace DataSharing.Tests.WebConsole;

/// <summary>
/// What the live path costs, measured with real browser pages open (not a timed assertion): events per second through
/// the case stream to this process's pages, and the real time from a grain storing a new version to the hub and to a
/// rendered page. Written to artifacts/console/live-path.txt.
/// </summary>
public sealed class LivePathMeasurement(ITestOutputHelper output) : BrowserFixture
{
    private const int Pages = 4;
    private const int Burst = 2000;
    private const int Requests = 20;


    [Fact]
    public async Task Console_live_path_events_per_second_and_state_change_to_page_latency()
    {
        // Four open inboxes of the provider: each case event of its department makes each of them read and render again.
        var inboxes = new List<Microsoft.Playwright.IPage>();
        for (var i = 0; i < Pages; i++)
        {
            var page = await Browser.Window();
            await ConsoleBrowser.SignIn(page, "DepartmentOperator|340000-GA");
            inboxes.Add(page);
        }

        var stats = Platform.Services.GetRequiredService<LiveStats>();
        var report = new List<string> { $"Live path, {Pages} open inbox pages of 340000-GA, one silo (embedded), {Environment.ProcessorCount} cores" };

        // 1. A burst of events straight onto the stream: the stream and the fan-out to pages, without grain work.
        stats.Reset();
        var stream = Platform.Services.GetRequiredService<IClusterClient>().GetStreamProvider(CaseStreams.Provider)
            .GetStream<CaseEvent>(StreamId.Create(CaseStreams.Namespace, CaseStreams.Key));
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Burst; i++)
        {
            await stream.OnNextAsync(new CaseEvent(CaseKinds.ShareRequest, $"SR-bench-{i}", 1, "submit", null, "AwaitingProvider",
                ["340000-RS", "340000-GA"], DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        }

        var published = clock.Elapsed;
        await Eventually.Get(() => Task.FromResult(stats.Events), n => n >= Burst, TimeSpan.FromSeconds(60));
        var received = clock.Elapsed;
        await Task.Delay(1000);
        report.Add($"burst: {Burst} events published in {published.TotalMilliseconds:F0} ms, all received by the hub after {received.TotalMilliseconds:F0} ms: "
            + $"{Burst / received.TotalSeconds:F0} events/s through the stream; {stats.Updates} page renders for {Burst * Pages} page nudges (reads coalesce)");
        report.Add($"burst: store→hub {Percentiles(stats.StreamLatencies())}; store→page rendered {Percentiles(stats.PageLatencies())}");

        // 2. Real share requests, one every 250 ms: a grain's state change to the open pages.
        stats.Reset();
        var grains = Platform.Services.GetRequiredService<IGrainFactory>();
        var today = ShanghaiTime.DateOf(Platform.Clock.GetUtcNow());
        var submission = Samples.Submission() with { PeriodFrom = today, PeriodTo = today.AddDays(30) };
        var seen = new List<double>();
        for (var i = 0; i < Requests; i++)
        {
            var id = $"SR-live-{i}";
            var submitted = Stopwatch.StartNew();
            await grains.GetGrain<IShareRequestGrain>(id).Submit(submission, Actors.Operator(submission.RequesterDepartment));
            await inboxes[0].Locator($"li[data-case='{id}']").WaitForAsync();
            seen.Add(submitted.Elapsed.TotalMilliseconds);
            await Task.Delay(250);
        }

        await Task.Delay(1000);
        report.Add($"requests: {Requests} submitted; store→hub {Percentiles(stats.StreamLatencies())}; store→page rendered {Percentiles(stats.PageLatencies())}");
        report.Add($"requests: submit call→card visible in chromium {Percentiles(seen.Order().ToList())} (includes the submission itself and Playwright's polling)");

        Directory.CreateDirectory(ConsoleBrowser.Artifacts);
        await File.WriteAllLinesAsync(Path.Combine(ConsoleBrowser.Artifacts, "live-path.txt"), report);
        report.ForEach(output.WriteLine);
        Assert.Equal(Requests, stats.Events);
    }

    private static string Percentiles(IReadOnlyList<double> sorted) => sorted.Count == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture,
            $"p50 {At(sorted, 0.5):F1} ms, p95 {At(sorted, 0.95):F1} ms, max {sorted[^1]:F1} ms (n={sorted.Count})");

    private static double At(IReadOnlyList<double> sorted, double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];
}
