using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Catalog;

/// <summary>Art 14 (R3): a city's personalized catalog entry needs the provincial data authority's consent.</summary>
public sealed class PersonalizedCatalogTests(PlatformTestCluster platform) : IClassFixture<PlatformTestCluster>
{
    private static readonly Actor CityAuthority = new("authority@hefei", Role.DataAuthority, "340100-SJ");
    private static readonly Actor ProvincialAuthority = new("authority@anhui", Role.DataAuthority, "340000-SJ");
    private static readonly Actor HefeiOperator = Actors.Operator("340100-GA");

    private static CatalogEntryContent Local() => Samples.ConditionalEntry("340100-GA") with
    {
        Classification = "public-security/residential-parking-permits",
        Name = "Hefei residential parking permits",
        DataItems = [new("plateNumber", "string"), new("community", "string"), new("validTo", "date")],
        Personalized = true,
    };

    private ICatalogEntryGrain Entry(string code) => platform.Grains.GetGrain<ICatalogEntryGrain>(code);

    private IPersonalizedCatalogRequestGrain Request(string id) => platform.Grains.GetGrain<IPersonalizedCatalogRequestGrain>(id);

    [Fact]
    public async Task Art14_a_personalized_entry_is_published_only_after_the_provincial_data_authority_consents()
    {
        await Entry("340100-GA-0001").Draft(Local(), HefeiOperator);
        var early = await Assert.ThrowsAsync<IllegalTransitionException>(() => Entry("340100-GA-0001").Publish(HefeiOperator));
        Assert.Equal("Draft", early.CurrentState);

        var asked = await Request("PC-ok-1").Ask("340100-GA-0001", "Parking permits are issued by Hefei alone.", CityAuthority);
        Assert.Equal(PersonalizedCatalogStatus.Pending, asked.Status);
        await Assert.ThrowsAsync<NotEntitledException>(() => Request("PC-ok-1").Approve(null, CityAuthority));
        await Assert.ThrowsAsync<NotEntitledException>(() => Request("PC-ok-1").Approve(null, Actors.Head("340100-GA")));

        var approved = await Request("PC-ok-1").Approve("Consistent with the provincial catalog requirements.", ProvincialAuthority);
        Assert.Equal(PersonalizedCatalogStatus.Approved, approved.Status);
        Assert.True((await Entry("340100-GA-0001").Get())!.IsPersonalized);
        Assert.Equal(CatalogEntryStatus.Published, (await Entry("340100-GA-0001").Publish(HefeiOperator)).Status);
        var published = new CatalogListQuery(null, ViewerOversight: false, Status: CatalogEntryStatus.Published);
        Assert.Contains((await platform.Grains.GetGrain<ICatalogListGrain>(0).List(published, new PageRequest(PageRequest.MaxLimit))).Items,
            e => e.Code == "340100-GA-0001" && e.IsPersonalized);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => Request("PC-ok-1").Reject("Changed our mind.", ProvincialAuthority));
    }

    [Fact]
    public async Task Art14_only_a_city_asks_only_for_its_own_personalized_draft_and_a_rejection_keeps_the_entry_unpublishable()
    {
        var provincial = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Entry("340000-GA-8001").Draft(Samples.ConditionalEntry() with { Personalized = true }, Actors.Operator("340000-GA")));
        Assert.Equal(("personalized", "Art 14"), (provincial.Field, provincial.Article));

        await Entry("340100-GA-0002").Draft(Local(), HefeiOperator);
        await Entry("340100-GA-0003").Draft(Local() with { Personalized = false }, HefeiOperator);
        await Assert.ThrowsAsync<NotEntitledException>(() => Request("PC-no-1").Ask("340100-GA-0002", "Local.", ProvincialAuthority));
        await Assert.ThrowsAsync<NotEntitledException>(() => Request("PC-no-1").Ask("340100-GA-0002", "Local.", HefeiOperator));
        Assert.Equal("entryCode", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Request("PC-no-1").Ask("340100-GA-0003", "Local.", CityAuthority))).Field);
        Assert.Equal("justification", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Request("PC-no-1").Ask("340100-GA-0002", " ", CityAuthority))).Field);

        await Request("PC-no-2").Ask("340100-GA-0002", "Local.", CityAuthority);
        Assert.Equal("reason", (await Assert.ThrowsAsync<ValidationFailedException>(() => Request("PC-no-2").Reject("", ProvincialAuthority))).Field);
        Assert.Equal(PersonalizedCatalogStatus.Rejected, (await Request("PC-no-2").Reject("The province compiles parking data in 340000-GA.", ProvincialAuthority)).Status);
        Assert.False((await Entry("340100-GA-0002").Get())!.IsPersonalized);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => Entry("340100-GA-0002").Publish(HefeiOperator));
    }
}
