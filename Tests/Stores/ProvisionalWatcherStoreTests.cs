using DataSharing.Calendar;
using DataSharing.Silo.Persistence;
using Orleans.Runtime;

namespace DataSharing.Tests.Stores;

/// <summary>What every provisional-watcher store does, run against the in-memory one and the PostgreSQL one.</summary>
public abstract class ProvisionalWatcherStoreContract
{
    /// <summary>A year of its own per test, so tests sharing a database do not see each other's rows.</summary>
    private readonly int _year = 2100 + Random.Shared.Next(0, 100_000);

    protected abstract IProvisionalWatcherStore Store { get; }

    [Fact]
    public async Task Keeps_each_case_once_per_year_reads_them_in_pages_and_forgets_those_removed()
    {
        var cases = Enumerable.Range(1, 5).Select(i => Case($"SR-{i}")).ToList();
        foreach (var bearer in cases.Concat(cases))
        {
            await Store.Add(_year, bearer);
        }

        await Store.Add(_year + 1, Case("SR-9"));

        var first = await Store.Page(_year, null, 2);
        var second = await Store.Page(_year, first[^1], 2);
        var third = await Store.Page(_year, second[^1], 2);
        Assert.Equal(cases, [.. first, .. second, .. third]);
        Assert.Empty(await Store.Page(_year, third[^1], 2));

        // The cases called back are removed; one that could not be reached stays for the next load of the year.
        await Store.Remove(_year, [cases[0], cases[1], cases[3], cases[4]]);
        Assert.Equal([cases[2]], await Store.Page(_year, null, 100));
        Assert.Equal([Case("SR-9")], await Store.Page(_year + 1, null, 100));
        Assert.Empty(await Store.Page(_year + 2, null, 100));
    }

    private static GrainId Case(string id) => GrainId.Create("sharerequest", id);
}

public sealed class InMemoryProvisionalWatcherStoreTests : ProvisionalWatcherStoreContract
{
    protected override IProvisionalWatcherStore Store { get; } = new InMemoryProvisionalWatcherStore();
}

public sealed class PostgresProvisionalWatcherStoreTests(PostgresStores postgres) : ProvisionalWatcherStoreContract, IClassFixture<PostgresStores>
{
    protected override IProvisionalWatcherStore Store { get; } = new PostgresProvisionalWatcherStore(postgres.Database, postgres.Commit);
}
