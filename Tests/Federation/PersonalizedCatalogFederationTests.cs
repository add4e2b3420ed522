using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Federation;
using DataSharing.Tests.Support;
using Microsoft.Extensions.Options;
using static DataSharing.Tests.Federation.FederatedPlatforms;

namespace DataSharing.Tests.Federation;

/// <summary>
/// Art 14 over the link (issue 12, item 5), grain by grain without a network: a federated Hefei's ask for consent is
/// written with the case and handed to its link to the province; the province holds the case for its data authority,
/// who decides it; the decision goes back and Hefei marks the entry. The test carries each message from one
/// platform's outbox to the other's effects, as the link would.
/// </summary>
public sealed class PersonalizedCatalogFederationTests(FederatedHefeiCluster hefei, FederatedProvinceCluster province)
    : IClassFixture<FederatedHefeiCluster>, IClassFixture<FederatedProvinceCluster>
{
    private static readonly Actor CityAuthority = new("authority@hefei", Role.DataAuthority, "340100-SJ");
    private static readonly Actor ProvincialAuthority = new("authority@anhui", Role.DataAuthority, "340000-SJ");
    private static readonly Actor HefeiOperator = Actors.Operator("340100-GA");

    /// <summary>How each side routes what it applies (nothing here is relayed: each message is addressed to its receiver).</summary>
    private static readonly FederationRouting HefeiRouting = Routing(HefeiCode, ProvinceCode);
    private static readonly FederationRouting ProvinceRouting = Routing(ProvinceCode, HefeiCode);

    [Fact]
    public async Task Art14_a_federated_city_s_ask_is_decided_by_the_province_s_authority_and_the_consent_comes_back_to_mark_the_entry()
    {
        await hefei.Grains.GetGrain<ICatalogEntryGrain>("340100-GA-0101").Draft(Local(), HefeiOperator);
        var asked = await HefeiCase("PC-FED-1").Ask("340100-GA-0101", "Parking permits are issued by Hefei alone.", CityAuthority);
        Assert.Equal((PersonalizedCatalogStatus.Pending, ProvinceCode), (asked.Status, asked.ConsentPlatform));
        var again = await HefeiCase("PC-FED-1").Ask("340100-GA-0101", "Parking permits are issued by Hefei alone.", CityAuthority);
        Assert.Equal((PersonalizedCatalogStatus.Pending, 1), (again.Status, again.History.Count));

        // Nobody decides on the city's platform: its own authority is refused as before, any other is sent to the province.
        await Assert.ThrowsAsync<NotEntitledException>(() => HefeiCase("PC-FED-1").Approve(null, CityAuthority));
        var here = await Assert.ThrowsAsync<IllegalTransitionException>(() => HefeiCase("PC-FED-1").Approve(null, ProvincialAuthority));
        Assert.Contains(ProvinceCode, here.Message);

        // The ask went to the link once (asking again sent nothing more); the province holds the case for its authority.
        var ask = Assert.Single(await Carry(hefei, province, ProvinceCode, ProvinceRouting, FederationMessageKinds.PersonalizedCatalogAsked, "PC-FED-1"));
        Assert.Equal(("PC-FED-1#ask", HefeiCode, ProvinceCode), (ask.Id, ask.From, ask.To));
        await FederationEffects.Apply(province.Grains, ask, ProvinceRouting);    // delivered again: applied once
        var held = (await ProvinceCase("PC-FED-1").Get())!;
        Assert.Equal((PersonalizedCatalogStatus.Pending, HefeiCode, "Hefei residential parking permits", "340100-GA"),
            (held.Status, held.RequesterPlatform, held.EntryName, held.ProviderDepartment));
        Assert.Contains("Parking permits are issued by Hefei alone.", held.Justification);
        var queue = await province.Grains.GetGrain<ICaseListGrain>(0).List(new CaseListQuery(CaseKinds.PersonalizedCatalogRequest, Open: true), new PageRequest(PageRequest.MaxLimit));
        Assert.Contains(queue.Items, c => c.Id == "PC-FED-1" && c.Title.Contains("Hefei residential parking permits"));

        var approved = await ProvinceCase("PC-FED-1").Approve("Consistent with the provincial catalog.", ProvincialAuthority);
        Assert.Equal(PersonalizedCatalogStatus.Approved, approved.Status);
        Assert.Null(await province.Grains.GetGrain<ICatalogEntryGrain>("340100-GA-0101").Get()); // the entry is Hefei's: nothing marked here

        var decided = Assert.Single(await Carry(province, hefei, HefeiCode, HefeiRouting, FederationMessageKinds.PersonalizedCatalogDecided, "PC-FED-1"));
        Assert.Equal(("PC-FED-1#decide", ProvinceCode, HefeiCode), (decided.Id, decided.From, decided.To));
        await FederationEffects.Apply(hefei.Grains, decided, HefeiRouting);   // delivered again: applied once
        var consented = (await HefeiCase("PC-FED-1").Get())!;
        Assert.Equal((PersonalizedCatalogStatus.Approved, "Consistent with the provincial catalog."), (consented.Status, consented.Decision));
        Assert.Equal(2, consented.History.Count);
        Assert.Equal(ProvincialAuthority, consented.History[^1].By);
        Assert.NotNull(consented.ReportedAt);
        Assert.True((await hefei.Grains.GetGrain<ICatalogEntryGrain>("340100-GA-0101").Get())!.IsPersonalized);
        Assert.Equal(CatalogEntryStatus.Published, (await hefei.Grains.GetGrain<ICatalogEntryGrain>("340100-GA-0101").Publish(HefeiOperator)).Status);
    }

    [Fact]
    public async Task Art14_the_province_refuses_an_ask_about_another_platform_s_department_and_the_refusal_goes_back_instead_of_a_throw()
    {
        var now = PlatformTestCluster.Start;
        var foreign = new PersonalizedCatalogRequestView
        {
            Id = "PC-FED-2", Status = PersonalizedCatalogStatus.Pending, EntryCode = "340200-GA-0001", EntryName = "Wuhu parking permits",
            ProviderDepartment = "340200-GA", Justification = "Local.", RequestedBy = CityAuthority, RequestedAt = now, ConsentPlatform = ProvinceCode,
            History = [new CaseTransition(now, CityAuthority, "ask", null, "Pending", "Local.")],
        };
        await FederationEffects.Apply(province.Grains, FederationEffects.PersonalizedCatalogAsked(HefeiCode, ProvinceCode, foreign, now), ProvinceRouting);

        var refused = (await ProvinceCase("PC-FED-2").Get())!;
        Assert.Equal(PersonalizedCatalogStatus.Rejected, refused.Status);
        Assert.Contains("340200-GA", refused.Decision);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => ProvinceCase("PC-FED-2").Approve(null, ProvincialAuthority));
        var back = (await province.Stores.FederationOutbox.Head(HefeiCode, 100)).Select(m => m.Message);
        Assert.Contains(back, m => m.Id == "PC-FED-2#decide" && m.Kind == FederationMessageKinds.PersonalizedCatalogDecided);

        // A decision from a platform the city did not ask is ignored.
        var stranger = FederationEffects.PersonalizedCatalogDecided(WuhuCode, HefeiCode, refused with { Id = "PC-FED-3" }, now);
        await FederationEffects.Apply(hefei.Grains, stranger, HefeiRouting);
        Assert.Null(await HefeiCase("PC-FED-3").Get());
    }

    private IPersonalizedCatalogRequestGrain HefeiCase(string id) => hefei.Grains.GetGrain<IPersonalizedCatalogRequestGrain>(id);

    private IPersonalizedCatalogRequestGrain ProvinceCase(string id) => province.Grains.GetGrain<IPersonalizedCatalogRequestGrain>(id);

    private static CatalogEntryContent Local() => Samples.ConditionalEntry("340100-GA") with
    {
        Classification = "public-security/residential-parking-permits",
        Name = "Hefei residential parking permits",
        DataItems = [new("plateNumber", "string"), new("community", "string"), new("validTo", "date")],
        Personalized = true,
    };

    /// <summary>
    /// What the link from <paramref name="from"/> to <paramref name="peer"/> would deliver: its messages of
    /// <paramref name="kind"/> on case <paramref name="caseId"/> (handed over after the case's write, so waited for),
    /// applied on <paramref name="to"/>.
    /// </summary>
    private static async Task<IReadOnlyList<FederationMessage>> Carry(
        PlatformTestCluster from, PlatformTestCluster to, string peer, FederationRouting routing, string kind, string caseId)
    {
        var messages = await Eventually.Get(
            async () => (await from.Stores.FederationOutbox.Head(peer, 100)).Select(m => m.Message).Where(m => m.Kind == kind && m.CaseId == caseId).ToList(),
            m => m.Count > 0, TimeSpan.FromSeconds(10));
        foreach (var message in messages)
        {
            await FederationEffects.Apply(to.Grains, message, routing);
        }

        return messages;
    }

    private static FederationRouting Routing(string self, string peer) => new(Options.Create(new FederationOptions
    {
        PlatformCode = self,
        Peers = [new FederationPeer { Code = peer, BaseUrl = "http://127.0.0.1:9" }],
    }));
}
