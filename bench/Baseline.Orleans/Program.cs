// The Orleans baseline of bench/run.sh: one silo (localhost clustering, in-memory storage) and, in the same
// process, an external client connected through the silo's gateway. Each measurement runs `concurrency` callers
// for `duration` seconds and writes one JSON line: calls/s, p50 and p99 of the call latency, errors.
//   Baseline.Orleans --duration 10 --warmup 1 --concurrency 64 --silo-port 11200 --gateway-port 30200 --out results.jsonl
using System.Diagnostics;
using System.Text.Json;
using DataSharing.Bench.Orleans;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var options = Options.Parse(args);

using var silo = Host.CreateDefaultBuilder()
    .ConfigureLogging(Quiet.Configure)
    .UseOrleans(s => s
        .UseLocalhostClustering(options.SiloPort, options.GatewayPort)
        .AddMemoryGrainStorageAsDefault())
    .Build();
await silo.StartAsync();

using var client = Host.CreateDefaultBuilder()
    .ConfigureLogging(Quiet.Configure)
    .UseOrleansClient(c => c.UseLocalhostClustering(options.GatewayPort))
    .Build();
await client.StartAsync();

var inSilo = silo.Services.GetRequiredService<IGrainFactory>();
var external = client.Services.GetRequiredService<IClusterClient>();
var results = new List<Measurement>();

// Warm-up (not reported): JIT, the grains the call measurements use, both paths.
var warmup = TimeSpan.FromSeconds(options.Warmup);
await Load.Run(inSilo, options.Concurrency, warmup, (g, worker, _) => g.GetGrain<INoopGrain>(worker).Ping());
await Load.Run(external, options.Concurrency, warmup, (g, worker, _) => g.GetGrain<INoopGrain>(worker).Ping());

var duration = TimeSpan.FromSeconds(options.Duration);
results.Add(await Load.Measure("orleans-noop-call-in-silo", "no-op grain call, in-silo IGrainFactory, one activation per caller",
    inSilo, options.Concurrency, duration, (g, worker, _) => g.GetGrain<INoopGrain>(worker).Ping()));
results.Add(await Load.Measure("orleans-noop-call-client", "no-op grain call, external client through the gateway (TCP)",
    external, options.Concurrency, duration, (g, worker, _) => g.GetGrain<INoopGrain>(worker).Ping()));

// Fresh ids, never called before: every call is a new activation.
var next = 1_000_000_000L;
results.Add(await Load.Measure("orleans-activation", "call to a fresh grain id (new activation), in-silo",
    inSilo, options.Concurrency, duration, (g, _, _) => g.GetGrain<INoopGrain>(Interlocked.Increment(ref next)).Ping()));
results.Add(await Load.Measure("orleans-activation-stateful", "call to a fresh grain id whose activation reads its state (in-memory storage), in-silo",
    inSilo, options.Concurrency, duration, (g, _, _) => g.GetGrain<IStatefulNoopGrain>(Interlocked.Increment(ref next)).Ping()));

await using (var output = options.Out is null ? Console.OpenStandardOutput() : File.Create(options.Out))
await using (var writer = new StreamWriter(output))
{
    foreach (var r in results)
    {
        await writer.WriteLineAsync(JsonSerializer.Serialize(r, Measurement.Json));
    }
}

foreach (var r in results)
{
    Console.Error.WriteLine($"{r.Name,-30} {r.Rps,12:F0}/s  p50 {r.P50Ms,8:F3} ms  p99 {r.P99Ms,8:F3} ms  errors {r.Errors}");
}

// Not a graceful deactivation of the activations made above: that would only take time (and log a warning each).
Quiet.Stopping = true;
using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
await client.StopAsync(stopping.Token);
await silo.StopAsync(stopping.Token);

/// <summary>Warnings while measuring; nothing while stopping.</summary>
internal static class Quiet
{
    public static volatile bool Stopping;

    public static void Configure(ILoggingBuilder logging) =>
        logging.AddFilter((_, _, level) => level >= (Stopping ? LogLevel.None : LogLevel.Warning));
}

internal sealed record Options(double Duration, double Warmup, int Concurrency, int SiloPort, int GatewayPort, string? Out)
{
    public static Options Parse(string[] args)
    {
        var o = new Options(10, 1, 64, 11200, 30200, null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            o = args[i] switch
            {
                "--duration" => o with { Duration = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--warmup" => o with { Warmup = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) },
                "--concurrency" => o with { Concurrency = int.Parse(args[i + 1]) },
                "--silo-port" => o with { SiloPort = int.Parse(args[i + 1]) },
                "--gateway-port" => o with { GatewayPort = int.Parse(args[i + 1]) },
                "--out" => o with { Out = args[i + 1] },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return o;
    }
}

internal sealed record Measurement(string Name, string Description, int Concurrency, long Calls, long Errors, double Seconds, double Rps, double P50Ms, double P99Ms)
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

internal static class Load
{
    public delegate Task Call(IGrainFactory grains, int worker, long sequence);

    /// <summary>Closed loop: each caller starts its next call when the previous one is answered.</summary>
    public static async Task<(long Calls, long Errors, double Seconds, List<long> Latencies)> Run(IGrainFactory grains, int concurrency, TimeSpan duration, Call call)
    {
        var perWorker = new List<long>[concurrency];
        var errors = 0L;
        var stopwatch = Stopwatch.StartNew();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var latencies = perWorker[w] = new List<long>(1 << 16);
            for (long n = 0; ; n++)
            {
                var start = Stopwatch.GetTimestamp();
                if (start >= end)
                {
                    break;
                }

                try
                {
                    await call(grains, w, n);
                    latencies.Add(Stopwatch.GetTimestamp() - start);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var all = perWorker.SelectMany(l => l).ToList();
        return (all.Count, errors, seconds, all);
    }

    public static async Task<Measurement> Measure(string name, string description, IGrainFactory grains, int concurrency, TimeSpan duration, Call call)
    {
        var (calls, errors, seconds, latencies) = await Run(grains, concurrency, duration, call);
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0
            ? 0
            : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p / 100 * latencies.Count) - 1)] * 1000.0 / Stopwatch.Frequency;
        return new Measurement(name, description, concurrency, calls, errors, seconds, calls / seconds, Percentile(50), Percentile(99));
    }
}
