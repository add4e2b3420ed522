using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Support;
using Xunit.Abstractions;
using static DataSharing.Tests.Cluster.ClusterScenario;

namespace DataSharing.Tests.Cluster;

/// <summary>
/// Durability and fault tests on real processes and a real PostgreSQL. They run one at a time (one collection):
/// each starts its own three-silo cluster on its own database.
/// </summary>
[Collection(nameof(ClusterCollection))]
public sealed class ClusterFaultTests(ITestOutputHelper output)
{
    /// <summary>Past any seven working days from today, whatever holidays lie between.</summary>
    private static readonly TimeSpan AfterEveryDeadline = TimeSpan.FromDays(20);

    [Fact]
    public async Task Art25_state_read_model_and_pending_deadlines_survive_a_full_cluster_restart()
    {
        await using var cluster = await LocalCluster.Start();
        try
        {
            var rs = await cluster.ClientFor(Role.DepartmentOperator, Requester);
            var ga = await cluster.ClientFor(Role.DepartmentOperator, Provider);
            var ids = new List<string>();
            for (var i = 0; i < 10; i++)
            {
                var attempt = await Submit(rs, "Full restart drill", $"restart-{i}");
                Assert.Equal(HttpStatusCode.Created, attempt.Status);
                ids.Add(attempt.Id!);
            }

            foreach (var id in ids.Take(3))
            {
                Assert.Equal(HttpStatusCode.OK, (await ga.PostAsJsonAsync($"/api/share-requests/{id}/approve", new { })).StatusCode);
            }

            // SIGKILL every process: nothing gets to flush or say goodbye. Then lose every read-model row, as if
            // each crash had struck between a request's state write and its row's upsert.
            cluster.KillAll();
            await using (var db = new Npgsql.NpgsqlConnection(cluster.ConnectionString))
            {
                await db.OpenAsync();
                await using var wipe = new Npgsql.NpgsqlCommand("DELETE FROM share_request_rows", db);
                Assert.Equal(10, await wipe.ExecuteNonQueryAsync());
            }

            var restart = Stopwatch.StartNew();
            await cluster.StartAll();
            output.WriteLine($"cluster healthy again {restart.Elapsed.TotalSeconds:F1} s after a full SIGKILL");

            rs = await cluster.ClientFor(Role.DepartmentOperator, Requester);
            ga = await cluster.ClientFor(Role.DepartmentOperator, Provider);
            // The rows come back from the grain state (the reconciler's start-up scan), not from the requests' activations.
            var outbox = await Eventually.Get(() => Outbox(rs), o => o.IsSupersetOf(ids), TimeSpan.FromSeconds(30));
            Assert.Superset(ids.ToHashSet(), outbox);
            var inbox = (await Pages.All(ga, "/api/share-requests/inbox")).Select(r => r.GetProperty("id").GetString()!).ToHashSet();
            Assert.Superset(ids.Skip(3).ToHashSet()!, inbox);

            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                var request = await Get(rs, id);
                Assert.Equal(i < 3 ? "Granted" : "AwaitingProvider", request?.GetProperty("status").GetString());
            }

            // Deadlines registered before the restart are acted on after another one, now past every due date.
            cluster.KillAll();
            await cluster.StartAll(clockOffset: AfterEveryDeadline);
            var firing = Stopwatch.StartNew();
            rs = await cluster.ClientFor(Role.DepartmentOperator, Requester);
            var notFired = await WaitForStatus(rs, ids.Skip(3), "Overdue", TimeSpan.FromSeconds(150));
            output.WriteLine($"7 deadlines due, {7 - notFired.Count} fired; the last {firing.Elapsed.TotalSeconds:F1} s after the cluster was healthy");
            Assert.Empty(notFired);

            var admin = await cluster.ClientFor(Role.PlatformAdmin);
            var violations = await Pages.All(admin, $"/api/departments/{Provider}/violations");
            Assert.Superset(ids.Skip(3).ToHashSet()!, violations.Select(v => v.GetProperty("caseId").GetString()!).ToHashSet());
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }

    [Fact]
    public async Task Art25_SIGKILL_of_one_of_three_silos_under_submissions_loses_no_acknowledged_request_or_deadline()
    {
        await using var cluster = await LocalCluster.Start();
        try
        {
            var rs = await cluster.ClientFor(Role.DepartmentOperator, Requester);
            var attempts = new ConcurrentBag<Attempt>();
            var total = 120;
            var next = -1;
            var killed = false;
            var workers = Enumerable.Range(0, 6).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < total)
                {
                    if (i == total / 3 && !killed)
                    {
                        killed = true;
                        cluster.Silos[1].Kill();
                        output.WriteLine($"SIGKILL silo2 after {i} submissions");
                    }

                    attempts.Add(await Submit(rs, "Silo kill drill", $"kill-{i}"));
                }
            });
            await Task.WhenAll(workers);

            var acknowledged = attempts.Where(a => a.Status == HttpStatusCode.Created).Select(a => a.Id!).ToList();
            var statuses = attempts.GroupBy(a => a.Status?.ToString() ?? a.Error).ToDictionary(g => g.Key!, g => g.Count());
            output.WriteLine($"{total} submitted: {string.Join(", ", statuses.Select(s => $"{s.Key}={s.Value}"))}; slowest {attempts.Max(a => a.Took).TotalSeconds:F1} s");
            Assert.DoesNotContain(attempts, a => a.Status == HttpStatusCode.InternalServerError);

            // Issue 9 item 8: no request waits longer than 10 s for its answer, even one sent to the silo just killed.
            Assert.All(attempts, a => Assert.True(a.Took <= TimeSpan.FromSeconds(10), $"{a.Key} waited {a.Took.TotalSeconds:F1} s"));

            var settled = Stopwatch.StartNew();
            var found = 0;
            var lost = new List<string>();
            foreach (var id in acknowledged)
            {
                var (status, request) = await GetSettled(rs, id, TimeSpan.FromSeconds(90));
                if (request?.GetProperty("status").GetString() == "AwaitingProvider")
                {
                    found++;
                }
                else
                {
                    lost.Add($"{id}: {status}");
                }
            }

            output.WriteLine($"acknowledged {acknowledged.Count}, found afterwards {found} (all answered within {settled.Elapsed.TotalSeconds:F1} s of the last submission)");
            Assert.Empty(lost);
            Assert.Superset(acknowledged.ToHashSet(), await Outbox(rs));

            // The survivors take over silo2's reminders: restart them one by one past every deadline, never reviving silo2.
            await cluster.RestartSilo(0, AfterEveryDeadline);
            await cluster.RestartSilo(2, AfterEveryDeadline);
            var firing = Stopwatch.StartNew();
            var notFired = await WaitForStatus(rs, acknowledged, "Overdue", TimeSpan.FromSeconds(150));
            output.WriteLine($"deadlines due {acknowledged.Count}, fired {acknowledged.Count - notFired.Count}, all within {firing.Elapsed.TotalSeconds:F1} s of the survivors' restart");
            Assert.Empty(notFired);
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }

    [Fact]
    public async Task Retries_with_the_same_Idempotency_Key_across_a_failover_create_no_duplicate_and_Art38_the_audit_chain_detects_tampering()
    {
        await using var cluster = await LocalCluster.Start();
        try
        {
            var sc = await cluster.ClientFor(Role.DepartmentOperator, "340000-SC");
            var first = new Dictionary<string, string>();
            for (var i = 0; i < 30; i++)
            {
                var attempt = await Submit(sc, "Failover retry drill", $"failover-{i}");
                Assert.Equal(HttpStatusCode.Created, attempt.Status);
                first[attempt.Key] = attempt.Id!;
            }

            cluster.Silos[1].Kill();
            var retried = new Dictionary<string, string>();
            foreach (var key in first.Keys)
            {
                // A retry during the failover may itself get a 503; the client retries again, as a client should.
                for (var tries = 0; tries < 20 && !retried.ContainsKey(key); tries++)
                {
                    var attempt = await Submit(sc, "Failover retry drill", key);
                    if (attempt.Status == HttpStatusCode.Created)
                    {
                        retried[key] = attempt.Id!;
                    }
                    else
                    {
                        Assert.NotEqual(HttpStatusCode.InternalServerError, attempt.Status);
                        await Task.Delay(1000);
                    }
                }
            }

            Assert.Equal(first, retried);
            var outbox = await Pages.All(sc, "/api/share-requests/outbox");
            Assert.Equal(30, outbox.Count);

            // Art 38: each submission is one audit record, whatever the retries, and the chain holds in PostgreSQL...
            var admin = await cluster.ClientFor(Role.PlatformAdmin);
            var submissions = new List<JsonElement>();
            foreach (var id in first.Values)
            {
                submissions.AddRange(await Pages.All(admin, $"/api/audit?caseId={id}"));
            }

            Assert.Equal(30, submissions.Count);
            Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify")).GetProperty("intact").GetBoolean());

            // ...until someone edits a record behind the platform's back.
            var tampered = submissions[5].GetProperty("sequence").GetInt64();
            await using (var db = new Npgsql.NpgsqlConnection(cluster.ConnectionString))
            {
                await db.OpenAsync();
                await using var edit = new Npgsql.NpgsqlCommand("UPDATE audit_log SET actor_subject = 'nobody' WHERE sequence = @s", db);
                edit.Parameters.AddWithValue("s", tampered);
                Assert.Equal(1, await edit.ExecuteNonQueryAsync());
            }

            var verification = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify");
            Assert.False(verification.GetProperty("intact").GetBoolean());
            Assert.Equal(tampered, verification.GetProperty("firstBrokenSequence").GetInt64());
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }
}

[CollectionDefinition(nameof(ClusterCollection), DisableParallelization = true)]
public sealed class ClusterCollection;
