using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Federation;
using DataSharing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataSharing.Tests.Federation;

/// <summary>A city platform (Hefei) whose province is a configured peer: what its violation log hands to the link.</summary>
public sealed class FederatedHefeiCluster : PlatformTestCluster
{
    protected override void ConfigureSilo(ISiloBuilder silo) => silo.Services.Configure<FederationOptions>(o =>
    {
        o.PlatformCode = FederatedPlatforms.HefeiCode;
        o.PrivateKey = FederatedPlatforms.HefeiKeys.PrivateKey;
        // Nothing listens there: the messages stay in the outbox, where the test reads them.
        o.Peers = [new FederationPeer { Code = FederatedPlatforms.ProvinceCode, BaseUrl = "http://127.0.0.1:9", PublicKeys = [FederatedPlatforms.ProvinceKeys.PublicKey] }];
        o.MaxRetryDelay = TimeSpan.FromMinutes(10);
    });
}

/// <summary>
/// Art 43 across levels: a city's violation records go up to the province authority's queue over the link, once by
/// id; the province takes only the sending city's own departments' records.
/// </summary>
public sealed class ViolationReportTests(FederatedHefeiCluster hefei) : IClassFixture<FederatedHefeiCluster>
{
    /// <summary>How the receiving province routes (it relays nothing here: the reports are addressed to it).</summary>
    private static readonly FederationRouting Province = new(Options.Create(new FederationOptions
    {
        PlatformCode = FederatedPlatforms.ProvinceCode,
        Peers = [new FederationPeer { Code = FederatedPlatforms.HefeiCode, BaseUrl = "http://127.0.0.1:9" }],
    }));

    private static ViolationRecord Violation(string id, string department) =>
        new(id, department, ViolationRecord.NotInTime, "ShareRequest", $"SR-{id}", $"Share request SR-{id} was not answered in time.", PlatformTestCluster.Start);

    [Fact]
    public async Task Art43_a_city_s_violation_is_kept_in_its_own_queue_and_handed_once_to_the_link_to_the_province()
    {
        var log = hefei.Grains.GetGrain<IViolationLogGrain>(0);
        await log.Record(Violation("hf-1", "340100-GA"));
        await log.Record(Violation("hf-1", "340100-GA")); // a case that was not sure the first call was kept

        Assert.Single((await log.ListOf("340100-GA", PageRequest.First)).Items, v => v.Id == "hf-1");
        var sent = (await hefei.Stores.FederationOutbox.Head(FederatedPlatforms.ProvinceCode, 100))
            .Select(m => m.Message).Where(m => m.Kind == FederationMessageKinds.ViolationReported).ToList();
        var message = Assert.Single(sent, m => m.CaseId == "SR-hf-1");
        Assert.Equal((FederatedPlatforms.HefeiCode, FederatedPlatforms.ProvinceCode, "violation:hf-1"), (message.From, message.To, message.Id));
    }

    [Fact]
    public async Task Art43_the_province_records_a_city_s_reported_violation_once_and_refuses_one_of_another_platform_s_department()
    {
        var report = FederationEffects.ViolationReported(FederatedPlatforms.HefeiCode, FederatedPlatforms.ProvinceCode, Violation("hf-2", "340100-RS"), PlatformTestCluster.Start);
        await FederationEffects.Apply(hefei.Grains, report, Province);
        await FederationEffects.Apply(hefei.Grains, report, Province);
        Assert.Single((await hefei.Grains.GetGrain<IViolationLogGrain>(0).ListOf("340100-RS", PageRequest.First)).Items, v => v.Id == "hf-2");

        var foreign = FederationEffects.ViolationReported(FederatedPlatforms.HefeiCode, FederatedPlatforms.ProvinceCode, Violation("hf-3", "340200-GA"), PlatformTestCluster.Start);
        var refused = await Assert.ThrowsAsync<FederationRejectedException>(() => FederationEffects.Apply(hefei.Grains, foreign, Province));
        Assert.Contains("340200-GA", refused.Message);
        Assert.Empty((await hefei.Grains.GetGrain<IViolationLogGrain>(0).ListOf("340200-GA", PageRequest.First)).Items);
    }
}
