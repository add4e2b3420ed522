using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Silo.Persistence;

namespace DataSharing.Tests.Stores;

/// <summary>What every catalog-list store does, run against the in-memory one and the PostgreSQL one.</summary>
public abstract class CatalogListStoreContract
{
    private static readonly DateTimeOffset Updated = new(2026, 9, 24, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A word in the names of this test's entries only: looking for it keeps other tests' rows out of the lists.</summary>
    private readonly string _word = $"w{Guid.NewGuid():N}";

    protected abstract ICatalogListStore Store { get; }

    private string A => $"{_word}-A";

    private string B => $"{_word}-B";

    [Fact]
    public async Task Lists_by_code_with_what_the_viewer_may_see_in_the_query_so_no_page_is_emptied()
    {
        await Seed();

        // Staff of B: every published entry and B's own drafts, pages of two.
        Assert.Equal([["A-2", "B-1"], ["B-2", "B-3"], ["B-4"]], await Pages(Query(B), limit: 2));
        // The public: published entries only; oversight: everything.
        Assert.Equal([["A-2", "B-1"], ["B-4"]], await Pages(Query(null), limit: 2));
        Assert.Equal([["A-1", "A-2", "A-3"], ["B-1", "B-2", "B-3"], ["B-4"]], await Pages(Query(null) with { ViewerOversight = true }, limit: 3));
        // Staff of A, a page of one at a time: B's drafts in between never leave a page empty.
        Assert.Equal([["A-1"], ["A-2"], ["A-3"], ["B-1"], ["B-4"]], await Pages(Query(A), limit: 1));
    }

    [Fact]
    public async Task Filters_by_provider_share_type_status_and_text_in_the_name_or_classification()
    {
        await Seed();

        Assert.Equal([["A-2"]], await Pages(Query(B) with { Provider = A }, limit: 10));
        Assert.Equal([["A-1", "A-2", "A-3"]], await Pages(Query(A) with { Provider = A }, limit: 10));
        Assert.Equal([["B-2"], ["B-3"]], await Pages(Query(B) with { Status = CatalogEntryStatus.Draft }, limit: 1));
        Assert.Equal([[]], await Pages(Query(null) with { Status = CatalogEntryStatus.Draft }, limit: 10));
        Assert.Equal([["B-1", "B-4"]], await Pages(Query(null) with { ShareType = ShareType.Conditional }, limit: 10));
        Assert.Equal([["A-3"]], await Pages(Query(null) with { ViewerOversight = true, Text = "RETIRED-" + _word.ToUpperInvariant() }, limit: 10));
        Assert.Equal([["B-4"]], await Pages(Query(null) with { Text = $"land/{_word}" }, limit: 10));
    }

    [Fact]
    public async Task Art36_filters_the_entries_open_to_the_public_and_an_entry_made_NonOpen_leaves_the_open_list()
    {
        await Seed();
        await Store.Upsert(Entry("A-4", A, CatalogEntryStatus.Published) with { OpenType = OpenType.UnconditionalOpen });
        await Store.Upsert(Entry("A-5", A, CatalogEntryStatus.Draft) with { OpenType = OpenType.ConditionalOpen });
        await Store.Upsert(Entry("B-5", B, CatalogEntryStatus.Published) with { OpenType = OpenType.ConditionalOpen });
        await Store.Upsert(Entry("B-6", B, CatalogEntryStatus.Retired) with { OpenType = OpenType.UnconditionalOpen });

        // The public's open catalog, a page of one at a time: the NonOpen entries in between never leave a page empty.
        Assert.Equal([["A-4"], ["B-5"]], await Pages(Query(null) with { OpenData = true }, limit: 1));
        Assert.Equal([["A-4", "B-5"]], await Pages(Query(null) with { OpenData = true, Status = CatalogEntryStatus.Published }, limit: 10));
        // Staff of A see their own open draft; oversight every open entry; false keeps the NonOpen ones.
        Assert.Equal([["A-4", "A-5", "B-5"]], await Pages(Query(A) with { OpenData = true }, limit: 10));
        Assert.Equal([["A-4", "A-5"], ["B-5", "B-6"]], await Pages(Query(null) with { OpenData = true, ViewerOversight = true }, limit: 2));
        Assert.Equal([["A-2", "B-1"], ["B-4"]], await Pages(Query(null) with { OpenData = false }, limit: 2));

        await Store.Upsert(Entry("A-4", A, CatalogEntryStatus.Published, version: 2));
        Assert.Equal([["B-5"]], await Pages(Query(null) with { OpenData = true }, limit: 10));
    }

    [Fact]
    public async Task An_older_version_never_replaces_a_newer_one_and_a_changed_copy_of_the_same_version_does()
    {
        await Store.Upsert(Entry("A-1", A, CatalogEntryStatus.Published, version: 2));
        await Store.Upsert(Entry("A-1", A, CatalogEntryStatus.Draft, version: 1));
        var listed = Assert.Single((await Store.List(Query(null), PageRequest.First)).Items);
        Assert.Equal((2, CatalogEntryStatus.Published, false), (listed.Version, listed.Status, listed.IsPersonalized));

        // Art 14: the consent marks the entry without a new version of its content.
        await Store.Upsert(Entry("A-1", A, CatalogEntryStatus.Published, version: 2) with { IsPersonalized = true });
        Assert.True(Assert.Single((await Store.List(Query(null), PageRequest.First)).Items).IsPersonalized);
        await Store.Upsert(Entry("A-1", A, CatalogEntryStatus.Draft, version: 1));
        Assert.Equal((2, true), (Assert.Single((await Store.List(Query(null), PageRequest.First)).Items) is var e ? (e.Version, e.IsPersonalized) : default));

        // Art 41 and 35: a suspension and an emergency opening mark the entry without a new version, and are lifted so.
        await Store.Upsert(Entry("A-1", A, CatalogEntryStatus.Published, version: 2) with { IsPersonalized = true, IsSuspended = true, EmergencyOpen = true });
        Assert.Equal((true, true), Assert.Single((await Store.List(Query(null), PageRequest.First)).Items) is var m ? (m.IsSuspended, m.EmergencyOpen) : default);
        await Store.Upsert(Entry("A-1", A, CatalogEntryStatus.Published, version: 2) with { IsPersonalized = true, EmergencyOpen = true });
        Assert.Equal((false, true), Assert.Single((await Store.List(Query(null), PageRequest.First)).Items) is var l ? (l.IsSuspended, l.EmergencyOpen) : default);

        // Retired at the same version: it leaves the published list.
        await Store.Upsert(Entry("A-1", A, CatalogEntryStatus.Retired, version: 2) with { IsPersonalized = true });
        Assert.Empty((await Store.List(Query(null), PageRequest.First)).Items);
        Assert.Empty((await Store.List(Query(null) with { Status = CatalogEntryStatus.Published }, PageRequest.First)).Items);
        Assert.Single((await Store.List(Query(A) with { Status = CatalogEntryStatus.Retired }, PageRequest.First)).Items);
    }

    [Fact]
    public async Task A_cursor_from_another_list_is_refused_naming_after()
    {
        var foreign = Cursor.For("departments", $"{_word}-A-1");
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Store.List(Query(null), new PageRequest(1, foreign)));
        Assert.Equal("after", refused.Field);
    }

    private async Task Seed()
    {
        await Store.Upsert(Entry("A-1", A, CatalogEntryStatus.Draft));
        await Store.Upsert(Entry("A-2", A, CatalogEntryStatus.Published));
        await Store.Upsert(Entry("A-3", A, CatalogEntryStatus.Retired));
        await Store.Upsert(Entry("B-1", B, CatalogEntryStatus.Published, ShareType.Conditional));
        await Store.Upsert(Entry("B-2", B, CatalogEntryStatus.Draft));
        await Store.Upsert(Entry("B-3", B, CatalogEntryStatus.Draft));
        await Store.Upsert(Entry("B-4", B, CatalogEntryStatus.Published, ShareType.Conditional) with { Classification = $"land/{_word}/parcels" });
    }

    private CatalogListQuery Query(string? viewer) => new(viewer, ViewerOversight: false, Text: _word);

    private CatalogEntrySummary Entry(string code, string provider, CatalogEntryStatus status, ShareType shareType = ShareType.Unconditional, int version = 1) =>
        new($"{_word}-{code}", $"{status}-{_word} {code}", "population/households", provider, shareType, OpenType.NonOpen, status, version, Updated, false);

    private async Task<List<string[]>> Pages(CatalogListQuery query, int limit)
    {
        var pages = new List<string[]>();
        for (string? after = null; ;)
        {
            var page = await Store.List(query, new PageRequest(limit, after));
            pages.Add(page.Items.Select(e => e.Code[(_word.Length + 1)..]).ToArray());
            if (page.Next is null)
            {
                return pages;
            }

            after = page.Next;
        }
    }
}

public sealed class InMemoryCatalogListStoreTests : CatalogListStoreContract
{
    protected override ICatalogListStore Store { get; } = new InMemoryCatalogListStore();
}

public sealed class PostgresCatalogListStoreTests(PostgresStores postgres) : CatalogListStoreContract, IClassFixture<PostgresStores>
{
    protected override ICatalogListStore Store { get; } = new PostgresCatalogListStore(postgres.Database, postgres.Commit);
}
