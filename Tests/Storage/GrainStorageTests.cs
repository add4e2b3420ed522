using DataSharing.Common;
using DataSharing.Silo.Persistence;
using DataSharing.Tests.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace DataSharing.Tests.Storage;

/// <summary>
/// The project's grain storage (cluster mode) on the real server: the Orleans provider contract (ETags, stale writes
/// refused, clear), rows in the official provider's format, and writes of many grains at once going together.
/// </summary>
public sealed class GrainStorageTests : IAsyncLifetime
{
    private const string ServiceId = "storage-tests";
    private readonly List<IAsyncDisposable> _owned = [];
    private ServiceProvider _services = null!;
    private string _connectionString = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateMigratedDatabase();
        _services = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(IdempotencyGrain).Assembly))
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        await _services.DisposeAsync();
    }

    /// <summary>A silo's provider: its own pool, group commit and batched reads.</summary>
    private PostgresGrainStorage Silo()
    {
        var database = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_connectionString) { MaxPoolSize = 10 }.ConnectionString);
        var commit = new PostgresGroupCommit(database, NullLogger<PostgresGroupCommit>.Instance);
        var reads = new PostgresStateReads(database, ServiceId);
        _owned.AddRange([database, commit, reads]);
        return new PostgresGrainStorage(reads, commit, new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()),
            _services.GetRequiredService<IActivatorProvider>(), ServiceId);
    }

    private static GrainId Id(string key) => GrainId.Create("idempotency", key);

    private static async Task<GrainState<IdempotencyGrain.State>> Read(IGrainStorage storage, GrainId id)
    {
        var state = new GrainState<IdempotencyGrain.State>();
        await storage.ReadStateAsync("idempotency", id, state);
        return state;
    }

    [Fact]
    public async Task A_written_state_is_read_by_another_silo_with_its_version_and_a_stale_write_is_refused()
    {
        var (one, two) = (Silo(), Silo());
        var id = Id("SR-1|340000-RS|key-1");

        var fresh = await Read(one, id);
        Assert.False(fresh.RecordExists);
        Assert.Null(fresh.ETag);
        Assert.NotNull(fresh.State);

        fresh.State.ResourceId = "SR-1";
        await one.WriteStateAsync("idempotency", id, fresh);
        Assert.Equal("1", fresh.ETag);

        var seen = await Read(two, id);
        Assert.True(seen.RecordExists);
        Assert.Equal("1", seen.ETag);
        Assert.Equal("SR-1", seen.State.ResourceId);

        seen.State.RequestHash = "h2";
        await two.WriteStateAsync("idempotency", id, seen);
        Assert.Equal("2", seen.ETag);

        // The first silo still holds version 1: its write would lose the second one's, so it is refused.
        fresh.State.RequestHash = "h1";
        await Assert.ThrowsAsync<InconsistentStateException>(() => one.WriteStateAsync("idempotency", id, fresh));
        Assert.Equal("h2", (await Read(one, id)).State.RequestHash);
    }

    [Fact]
    public async Task Two_first_writes_of_one_grain_at_once_store_one_and_refuse_the_other()
    {
        var (one, two) = (Silo(), Silo());
        var id = Id("race");
        var a = new GrainState<IdempotencyGrain.State>(new() { ResourceId = "a" });
        var b = new GrainState<IdempotencyGrain.State>(new() { ResourceId = "b" });

        var results = await Task.WhenAll(Attempt(one, a), Attempt(two, b));

        Assert.Equal(1, results.Count(stored => stored));
        Assert.Equal(results[0] ? "a" : "b", (await Read(one, id)).State.ResourceId);

        async Task<bool> Attempt(IGrainStorage storage, GrainState<IdempotencyGrain.State> state)
        {
            try
            {
                await storage.WriteStateAsync("idempotency", id, state);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }
    }

    [Fact]
    public async Task A_cleared_state_reads_as_absent_and_an_etag_from_before_the_clear_cannot_bring_it_back()
    {
        var storage = Silo();
        var id = Id("cleared");
        var state = new GrainState<IdempotencyGrain.State>(new() { ResourceId = "x" });
        await storage.WriteStateAsync("idempotency", id, state);
        var before = new GrainState<IdempotencyGrain.State>(new() { ResourceId = "old" }, state.ETag);

        await storage.ClearStateAsync("idempotency", id, state);

        var read = await Read(storage, id);
        Assert.False(read.RecordExists);
        Assert.Null(read.State.ResourceId);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("idempotency", id, before));
    }

    [Fact]
    public async Task Concurrent_writes_of_many_grains_all_commit_in_fewer_transactions_than_writes()
    {
        var storage = Silo();
        var ids = Enumerable.Range(0, 300).Select(i => Id($"many-{i}")).ToList();
        var commitsBefore = await Commits();

        await Task.WhenAll(ids.Select(id => storage.WriteStateAsync("idempotency", id,
            new GrainState<IdempotencyGrain.State>(new() { ResourceId = id.Key.ToString() }))));

        var commits = await Commits() - commitsBefore - 1;
        Assert.True(commits < ids.Count / 2, $"{commits} transactions for {ids.Count} writes");
        var reads = await Task.WhenAll(ids.Select(id => Read(storage, id)));
        Assert.Equal(ids.Select(id => id.Key.ToString()), reads.Select(r => r.State.ResourceId));
        Assert.All(reads, r => Assert.Equal("1", r.ETag));
    }

    [Fact]
    public async Task Rows_have_the_key_columns_of_the_official_provider_for_string_guid_and_integer_keys()
    {
        var storage = Silo();
        var guid = Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        var bytes = guid.ToByteArray();
        var cases = new (GrainId Id, long N0, long N1, string Extension)[]
        {
            (Id("SR-string-key"), 0, 0, "SR-string-key"),
            (GrainId.Create(GrainType.Create("idempotency"), GrainIdKeyExtensions.CreateGuidKey(guid, "ext")), BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8), "ext"),
            (GrainId.Create(GrainType.Create("idempotency"), GrainIdKeyExtensions.CreateIntegerKey(42)), 0, 42, ""),
        };

        foreach (var (id, _, _, _) in cases)
        {
            await storage.WriteStateAsync("idempotency", id, new GrainState<IdempotencyGrain.State>(new() { ResourceId = "r" }));
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        foreach (var (_, n0, n1, extension) in cases)
        {
            await using var query = new NpgsqlCommand(
                "SELECT count(*) FROM orleans_grain_state WHERE service_id = $1 AND grain_type = 'idempotency' AND grain_id_n0 = $2 AND grain_id_n1 = $3 AND grain_key_ext = $4",
                connection) { Parameters = { new() { Value = ServiceId }, new() { Value = n0 }, new() { Value = n1 }, new() { Value = extension } } };
            Assert.Equal(1L, await query.ExecuteScalarAsync());
        }
    }

    /// <summary>
    /// The server's transaction id counter: every writing transaction takes the next one (and so does this query's
    /// own), so the difference between two readings counts the writing transactions in between, at once.
    /// </summary>
    private async Task<long> Commits()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT txid_current()", connection);
        return (long)(await query.ExecuteScalarAsync())!;
    }
}
