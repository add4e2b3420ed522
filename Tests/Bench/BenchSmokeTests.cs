using System.Diagnostics;
using System.Text;
using System.Text.Json;
using DataSharing.Tests.Cluster;

namespace DataSharing.Tests.Bench;

/// <summary>
/// The benchmark harnesses run end to end in their smoke form: bench/run.sh writes its two result files with a row for
/// every baseline and every platform path in both modes (each step loaded for about a second), bench/upload.py loads
/// 10,000 rows by every path. Nothing here asserts performance.
/// </summary>
[Collection(nameof(BenchCollection))]
public sealed class BenchSmokeTests
{
    private static readonly string[] Baselines =
    [
        "kestrel-json",
        "pgbench-insert-c8",
        "pgbench-insert-c64",
        "orleans-noop-call-in-silo",
        "orleans-noop-call-client",
        "orleans-activation",
        "orleans-activation-stateful",
    ];

    private static readonly string[] PlatformPaths =
    [
        "calendar-add",
        "catalog-get",
        "access-check",
        "access-check-half",
        "submit-unconditional",
        "submit-conditional",
        "approve",
        "inbox",
        "audit-by-case",
        "audit-page",
        "access-check-soaked",
        "submit-unconditional-soaked",
    ];

    [Fact]
    public async Task Smoke_run_writes_a_row_for_every_baseline_and_every_platform_path_in_both_modes()
    {
        var missing = new[] { "wrk", "pgbench", "psql", "python3", "curl" }.Where(tool => !OnPath(tool)).ToList();
        Assert.True(missing.Count == 0,
            $"bench/run.sh needs {string.Join(", ", missing)}: apt-get install -y wrk postgresql postgresql-client (./test.sh and .ci/run install wrk).");

        var output = Directory.CreateTempSubdirectory("bench-smoke-");
        try
        {
            var (exitCode, log) = await RunHarness(
                ["bash", Path.Combine(Repository.Root, "bench", "run.sh"), "--smoke", "--soak", "20,20", "--out", output.FullName], TimeSpan.FromMinutes(6));
            Assert.True(exitCode == 0, $"bench/run.sh --smoke exited {exitCode}:\n{log}");

            var json = Assert.Single(Directory.GetFiles(output.FullName, "*.json"));
            var markdown = Assert.Single(Directory.GetFiles(output.FullName, "*.md"));
            Assert.Equal(Path.GetFileNameWithoutExtension(json), Path.GetFileNameWithoutExtension(markdown));
            var table = await File.ReadAllLinesAsync(markdown);

            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var root = document.RootElement;
            Assert.True(root.GetProperty("smoke").GetBoolean());
            var machine = root.GetProperty("machine");
            Assert.True(machine.GetProperty("nproc").GetInt32() > 0);
            Assert.False(string.IsNullOrEmpty(machine.GetProperty("dotnet").GetString()));
            Assert.False(string.IsNullOrEmpty(machine.GetProperty("git_commit").GetString()));

            var rows = root.GetProperty("measurements").EnumerateArray()
                .ToDictionary(m => (m.GetProperty("mode").GetString()!, m.GetProperty("key").GetString()!));
            var expected = Baselines.Select(key => ("baseline", key))
                .Concat(PlatformPaths.Select(key => ("embedded", key)))
                .Concat(PlatformPaths.Select(key => ("cluster", key)));
            foreach (var (mode, key) in expected)
            {
                Assert.True(rows.TryGetValue((mode, key), out var row), $"No {mode} row for {key} in {json}");
                var rps = row.GetProperty("rps");
                Assert.True(rps.ValueKind == JsonValueKind.Number && rps.GetDouble() > 0, $"{mode} {key}: rps {rps}");
                Assert.Equal(JsonValueKind.Number, row.GetProperty("p50_ms").ValueKind);
                Assert.Equal(JsonValueKind.Number, row.GetProperty("p99_ms").ValueKind);
                Assert.Equal(JsonValueKind.Number, row.GetProperty("errors").ValueKind);
                if (mode == "baseline")
                {
                    Assert.True(row.GetProperty("errors").GetInt64() == 0, $"baseline {key} had errors");
                }
                else
                {
                    Assert.Equal(JsonValueKind.Number, row.GetProperty("ratio_kestrel").ValueKind);
                }

                var label = row.GetProperty("path").GetString()!.Replace("|", "\\|");
                Assert.Contains(table, line => line.StartsWith($"| {mode} | {label} |", StringComparison.Ordinal));
            }

            Assert.Equal(JsonValueKind.Number, rows[("cluster", "submit-unconditional")].GetProperty("ratio_pgbench8").ValueKind);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));

    [Fact]
    public async Task Upload_smoke_run_loads_the_same_file_by_COPY_and_through_the_record_store()
    {
        // On the tests' own server (a database of its own, dropped afterwards): no second throwaway server to start.
        var (exitCode, log) = await RunHarness(["python3", Path.Combine(Repository.Root, "bench", "upload.py"), "--smoke"], TimeSpan.FromMinutes(4),
            TestPostgres.ServerConnectionString);
        Assert.True(exitCode == 0, $"bench/upload.py --smoke exited {exitCode}:\n{log}");
        foreach (var step in new[] { "copy-baseline", "copy-keyed", "store-replace", "store-replace-again" })
        {
            Assert.Contains($"| `{step}` |", log);
        }
    }

    /// <summary>Runs a harness; on timeout it gets SIGTERM first, so that its trap tears down what it started.</summary>
    private static async Task<(int ExitCode, string Output)> RunHarness(string[] command, TimeSpan timeout, string? postgres = null)
    {
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        foreach (var arg in command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        // Hermetic: its own PostgreSQL unless given one, and no MSBuild settings of the test run leaking into its Release build.
        info.Environment.Remove("DATASHARING_PG");
        if (postgres is not null)
        {
            info.Environment["DATASHARING_PG"] = postgres;
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        using var process = Process.Start(info)!;
        var log = new StringBuilder();
        var stdout = Pump(process.StandardOutput, log);
        var stderr = Pump(process.StandardError, log);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString()]))
            {
                await term.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }

            await Task.WhenAll(stdout, stderr);
            lock (log)
            {
                return (-1, $"timed out after {timeout}:\n{log}");
            }
        }

        await Task.WhenAll(stdout, stderr);
        lock (log)
        {
            return (process.ExitCode, log.ToString());
        }
    }

    private static async Task Pump(StreamReader reader, StringBuilder log)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}

/// <summary>The harness uses the local cluster's fixed ports and loads the whole machine: it runs alone.</summary>
[CollectionDefinition(nameof(BenchCollection), DisableParallelization = true)]
public sealed class BenchCollection;
