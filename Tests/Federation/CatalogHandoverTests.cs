using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Federation;
using DataSharing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataSharing.Tests.Federation;

/// <summary>
/// The province's platform with Hefei as its peer (at an address where nothing listens, so what is sent stays in the
/// outbox for the test to read). Its federation settings are one object the test may give a new peer, as a restart
/// with a new configuration would.
/// </summary>
public sealed class FederatedProvinceCluster : PlatformTestCluster
{
    public FederationOptions Federation { get; } = new()
    {
        PlatformCode = FederatedPlatforms.ProvinceCode,
        PrivateKey = FederatedPlatforms.ProvinceKeys.PrivateKey,
        Peers = [Peer(FederatedPlatforms.HefeiCode, FederatedPlatforms.HefeiKeys.PublicKey)],
        MaxRetryDelay = TimeSpan.FromMinutes(10),
    };

    public static FederationPeer Peer(string code, string publicKey) => new() { Code = code, BaseUrl = "http://127.0.0.1:9", PublicKeys = [publicKey] };

    protected override void ConfigureSilo(ISiloBuilder silo) => silo.Services.AddSingleton(Options.Create(Federation));
}

/// <summary>
/// Art 23: a platform configured as a peer after the catalog was published is handed the catalog as it stands, once:
/// the shared entries of this platform and the copies it hands on, each at its current act, a page at a time.
/// </summary>
public sealed class CatalogHandoverTests(FederatedProvinceCluster province) : IClassFixture<FederatedProvinceCluster>
{
    private const string Wuhu = FederatedPlatforms.WuhuCode;

    [Fact]
    public async Task Art23_a_new_peer_is_handed_the_shared_catalog_and_the_copies_handed_on_once_at_their_current_act()
    {
        var grains = province.Grains;
        var ga = Actors.Operator("340000-GA");
        // Before Wuhu is a peer: a shared entry published and edited, one never published, one not shared (Art 22), and a copy of Hefei's.
        var shared = grains.GetGrain<ICatalogEntryGrain>("340000-GA-9101");
        await shared.Draft(Samples.ConditionalEntry(), ga);
        await shared.Publish(ga);
        var edited = await shared.Edit(Samples.ConditionalEntry() with { Description = "Edited before Wuhu joined" }, null, null, ga);
        await grains.GetGrain<ICatalogEntryGrain>("340000-GA-9102").Draft(Samples.ConditionalEntry(), ga);
        var notShared = grains.GetGrain<ICatalogEntryGrain>("340000-GA-9103");
        await notShared.Draft(Samples.ConditionalEntry() with { ShareType = ShareType.NotShared, ShareConditions = null, LegalBasis = "Law on Guarding State Secrets, Art 13" }, ga);
        await notShared.Publish(ga);
        var hefeiEntry = edited with { Code = "340100-GA-9104", Content = edited.Content with { ProviderDepartment = "340100-GA" } };
        await grains.GetGrain<ICatalogEntryGrain>(hefeiEntry.Code).ApplyCopy(new CatalogEntryCopy(FederatedPlatforms.HefeiCode, 3, true, hefeiEntry), FederatedPlatforms.HefeiCode);
        Assert.Null(await grains.GetGrain<ICatalogEntryGrain>(hefeiEntry.Code).CopyFor(FederatedPlatforms.HefeiCode)); // never back to its owner

        province.Federation.Peers = [.. province.Federation.Peers, FederatedProvinceCluster.Peer(Wuhu, FederatedPlatforms.WuhuKeys.PublicKey)];
        var handover = grains.GetGrain<ICatalogHandoverGrain>(Wuhu);
        await handover.Start();
        var done = await Eventually.Get(handover.Status, s => s.Done);

        var sent = (await province.Stores.FederationOutbox.Head(Wuhu, 1000)).Select(m => m.Message)
            .Where(m => m.Kind == FederationMessageKinds.CatalogEntryChanged).ToList();
        Assert.Equal(done.EntriesSent, sent.Count);
        var codes = sent.Select(m => m.CaseId).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Contains("340000-GA-9101", codes);
        Assert.Contains("340000-GA-0001", codes);                           // the demo catalog, published before any of this
        Assert.Contains(hefeiEntry.Code, codes);                            // handed on, as the province does for the cities
        Assert.DoesNotContain("340000-GA-9102", codes);                     // a draft
        Assert.DoesNotContain("340000-GA-9103", codes);                     // not shared (Art 22)
        var copy = System.Text.Json.JsonSerializer.Deserialize<CatalogEntryCopy>(sent.Single(m => m.CaseId == "340000-GA-9101").Body, FederationEffects.Json)!;
        Assert.Equal((FederatedPlatforms.ProvinceCode, 3L, "Edited before Wuhu joined"), (copy.Origin, copy.Act, copy.Entry.Content.Description));
        Assert.Equal(FederatedPlatforms.HefeiCode, sent.Single(m => m.CaseId == hefeiEntry.Code).Body is var body
            ? System.Text.Json.JsonSerializer.Deserialize<CatalogEntryCopy>(body, FederationEffects.Json)!.Origin : null);

        // Once handed over, never again: a restart's Start sends nothing more.
        await handover.Start();
        Assert.Equal(sent.Count, (await province.Stores.FederationOutbox.Head(Wuhu, 1000)).Count(m => m.Message.Kind == FederationMessageKinds.CatalogEntryChanged));
    }
}
