using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Silo.Persistence;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Stores;

/// <summary>What every catalog history store does, run against the in-memory one and the PostgreSQL one.</summary>
public abstract class CatalogHistoryStoreContract
{
    private static readonly DateTimeOffset Edited = new(2026, 9, 24, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly string _code = $"340000-T{Guid.NewGuid():N}"[..20];

    protected abstract ICatalogHistoryStore Store { get; }

    [Fact]
    public async Task Keeps_every_version_once_oldest_first_a_page_at_a_time()
    {
        await Store.Append(_code, [Version(1), Version(2)]);
        await Store.Append(_code, [Version(2) with { Note = "appended again after a crash" }, Version(3)]);
        await Store.Append($"{_code}-other", [Version(1)]);

        var first = await Store.List(_code, new PageRequest(2));
        var second = await Store.List(_code, new PageRequest(2, first.Next));
        Assert.Equal([1, 2], first.Items.Select(v => v.Version));
        Assert.Equal([3], second.Items.Select(v => v.Version));
        Assert.Null(second.Next);
        Assert.Equal("edit 2", first.Items[1].Note);

        var read = first.Items[0];
        Assert.Equal(Fingerprint.Of(Version(1).Content), Fingerprint.Of(read.Content));
        Assert.Equal((Actors.Operator("340000-GA"), Edited.AddHours(1)), (read.EditedBy, read.EditedAt));
        Assert.Empty((await Store.List($"{_code}-none", PageRequest.First)).Items);
    }

    [Fact]
    public async Task A_cursor_from_another_list_is_refused_naming_after()
    {
        var foreign = Cursor.For("catalog", _code);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Store.List(_code, new PageRequest(1, foreign)));
        Assert.Equal("after", refused.Field);
    }

    private static CatalogEntryVersion Version(int version) =>
        new(version, Samples.ConditionalEntry() with { Name = $"Household registration v{version}", LastDataUpdate = new DateOnly(2026, 9, version) },
            Actors.Operator("340000-GA"), Edited.AddHours(version), $"edit {version}");
}

public sealed class InMemoryCatalogHistoryStoreTests : CatalogHistoryStoreContract
{
    protected override ICatalogHistoryStore Store { get; } = new InMemoryCatalogHistoryStore();
}

public sealed class PostgresCatalogHistoryStoreTests(PostgresStores postgres) : CatalogHistoryStoreContract, IClassFixture<PostgresStores>
{
    protected override ICatalogHistoryStore Store { get; } = new PostgresCatalogHistoryStore(postgres.Database, postgres.Commit);
}
