using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Grains;

public sealed class CatalogEntryGrainTests(PlatformTestCluster platform) : IClassFixture<PlatformTestCluster>
{
    private ICatalogEntryGrain Entry(string code) => platform.Grains.GetGrain<ICatalogEntryGrain>(code);

    [Fact]
    public async Task An_entry_is_drafted_edited_into_new_versions_with_history_published_and_retired()
    {
        var by = Actors.Operator("340000-GA");
        var draft = await Entry("340000-GA-9001").Draft(Samples.ConditionalEntry(), by);
        Assert.Equal((CatalogEntryStatus.Draft, 1), (draft.Status, draft.Version));

        var edited = await Entry("340000-GA-9001").Edit(Samples.ConditionalEntry() with { Name = "Household registration v2" }, 1, "renamed", by);
        Assert.Equal(2, edited.Version);
        var published = await Entry("340000-GA-9001").Publish(by);
        Assert.Equal(CatalogEntryStatus.Published, published.Status);

        var stale = await Assert.ThrowsAsync<IllegalTransitionException>(() =>
            Entry("340000-GA-9001").Edit(Samples.ConditionalEntry(), expectedVersion: 1, null, by));
        Assert.Equal("Published", stale.CurrentState);

        var history = (await Entry("340000-GA-9001").GetHistory(PageRequest.First)).Items;
        Assert.Equal([1, 2], history.Select(v => v.Version));
        Assert.Equal("Household registration", history[0].Content.Name);
        Assert.Equal(("renamed", by), (history[1].Note, history[1].EditedBy));
        var first = await Entry("340000-GA-9001").GetHistory(new PageRequest(1));
        Assert.Equal([1], first.Items.Select(v => v.Version));
        Assert.Equal([2], (await Entry("340000-GA-9001").GetHistory(new PageRequest(1, first.Next))).Items.Select(v => v.Version));

        var retired = await Entry("340000-GA-9001").Retire("Superseded by the population base database", by);
        Assert.Equal(CatalogEntryStatus.Retired, retired.Status);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => Entry("340000-GA-9001").Publish(by));

        var own = new CatalogListQuery("340000-GA", ViewerOversight: false, Provider: "340000-GA");
        var listed = (await platform.Grains.GetGrain<ICatalogListGrain>(0).List(own, new PageRequest(PageRequest.MaxLimit))).Items.Single(e => e.Code == "340000-GA-9001");
        Assert.Equal((CatalogEntryStatus.Retired, 2), (listed.Status, listed.Version));
        var other = own with { ViewerDepartment = "340000-RS" };
        Assert.DoesNotContain((await platform.Grains.GetGrain<ICatalogListGrain>(0).List(other, new PageRequest(PageRequest.MaxLimit))).Items, e => e.Code == "340000-GA-9001");
    }

    [Fact]
    public async Task Art22_a_conditional_entry_without_legal_basis_is_rejected()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Entry("340000-GA-9002").Draft(Samples.ConditionalEntry() with { LegalBasis = null }, Actors.Operator("340000-GA")));
        Assert.Equal("legalBasis", e.Field);
        Assert.Null(await Entry("340000-GA-9002").Get());
    }

    [Fact]
    public async Task A_department_compiles_only_its_own_catalog()
    {
        await Assert.ThrowsAsync<NotEntitledException>(() =>
            Entry("340000-GA-9003").Draft(Samples.ConditionalEntry(), Actors.Operator("340000-ZR")));
    }
}
