using DataSharing.Assessment;
using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Federation;
using DataSharing.Tests.Support;
using Microsoft.Extensions.Options;
using static DataSharing.Tests.Federation.FederatedPlatforms;

namespace DataSharing.Tests.Federation;

/// <summary>
/// Art 42 across levels (issue 12, item 5): a city's assessment facts go up to the province's assessment over the link,
/// one message per version of a fact and none for a fact reported again unchanged; the province takes only the
/// sending city's own departments' facts and assesses those departments with its own.
/// </summary>
public sealed class AssessmentReportTests(FederatedHefeiCluster hefei, FederatedProvinceCluster province)
    : IClassFixture<FederatedHefeiCluster>, IClassFixture<FederatedProvinceCluster>
{
    private static readonly DateOnly Received = new(2026, 9, 24);

    /// <summary>How the province routes what it applies (the reports are addressed to it).</summary>
    private static readonly FederationRouting Province = new(Options.Create(new FederationOptions
    {
        PlatformCode = ProvinceCode,
        Peers = [new FederationPeer { Code = HefeiCode, BaseUrl = "http://127.0.0.1:9" }],
    }));

    private static AssessedCase Fact(string caseId, string department, Timeliness timeliness = Timeliness.Pending, int version = 1) =>
        new(caseId, CaseKinds.Review, department, Received, timeliness, timeliness == Timeliness.OnTime ? Received.AddDays(3) : null, version);

    [Fact]
    public async Task Art42_a_city_s_own_fact_is_handed_to_the_link_once_per_version_and_a_fact_reported_again_unchanged_sends_nothing()
    {
        var assessment = hefei.Grains.GetGrain<IAssessmentGrain>(0);
        await assessment.Record(Fact("RV-hf-1", "340100-GA"));
        await assessment.Record(Fact("RV-hf-1", "340100-GA"));          // a case's activation reports its fact again
        var first = Assert.Single(await Reported("RV-hf-1"));
        Assert.Equal(($"assessment:{CaseKinds.Review}:RV-hf-1#1", HefeiCode, ProvinceCode), (first.Id, first.From, first.To));

        // Delivered (the link removes it): reported again unchanged, nothing more goes; a newer version does.
        var sequence = (await hefei.Stores.FederationOutbox.Head(ProvinceCode, 100)).Single(m => m.Message.Id == first.Id).Sequence;
        await hefei.Stores.FederationOutbox.RemoveThrough(ProvinceCode, sequence);
        await assessment.Record(Fact("RV-hf-1", "340100-GA"));
        Assert.Empty(await Reported("RV-hf-1"));
        await assessment.Record(Fact("RV-hf-1", "340100-GA", Timeliness.OnTime, version: 2));
        Assert.Equal($"assessment:{CaseKinds.Review}:RV-hf-1#2", Assert.Single(await Reported("RV-hf-1")).Id);

        // A department of another platform is not Hefei's to report; Hefei's own assessment counts the fact all the same.
        await assessment.Record(Fact("RV-hf-2", "340000-GA"));
        Assert.Empty(await Reported("RV-hf-2"));
        Assert.Equal(1, (await assessment.Assess(["340100-GA"], Received.Year)).Single().Reviews.OnTime);
    }

    [Fact]
    public async Task Art42_the_province_assesses_a_city_s_reported_department_once_and_refuses_a_fact_of_another_platform_s_department()
    {
        var department = new DepartmentProfile("340100-JT", "Hefei Transport Bureau (合肥市交通运输局)", DepartmentLevel.City, HefeiCode);
        var report = FederationEffects.AssessmentReported(HefeiCode, ProvinceCode, new AssessmentReport(Fact("RV-hf-3", "340100-JT"), department), PlatformTestCluster.Start);
        await FederationEffects.Apply(province.Grains, report, Province);
        await FederationEffects.Apply(province.Grains, report, Province);
        var answered = FederationEffects.AssessmentReported(HefeiCode, ProvinceCode,
            new AssessmentReport(Fact("RV-hf-4", "340100-JT", Timeliness.OnTime), department), PlatformTestCluster.Start);
        await FederationEffects.Apply(province.Grains, answered, Province);

        var assessed = (await province.Grains.GetGrain<IAssessmentGrain>(0).Assess(["340100-JT"], Received.Year)).Single();
        Assert.Equal((1, 1), (assessed.Reviews.Pending, assessed.Reviews.OnTime));
        var directory = await province.Grains.GetGrain<IDepartmentDirectoryGrain>(IDepartmentDirectoryGrain.Key).List(new PageRequest(PageRequest.MaxLimit));
        Assert.Contains(department, directory.Items);

        var foreign = FederationEffects.AssessmentReported(HefeiCode, ProvinceCode,
            new AssessmentReport(Fact("RV-hf-5", "340200-GA"), null), PlatformTestCluster.Start);
        var refused = await Assert.ThrowsAsync<FederationRejectedException>(() => FederationEffects.Apply(province.Grains, foreign, Province));
        Assert.Contains("340200-GA", refused.Message);
        Assert.Equal(0, (await province.Grains.GetGrain<IAssessmentGrain>(0).Assess(["340200-GA"], Received.Year)).Single().Reviews.Pending);
    }

    /// <summary>The undelivered assessment reports of case <paramref name="caseId"/> in Hefei's link to the province.</summary>
    private async Task<List<FederationMessage>> Reported(string caseId) =>
        (await hefei.Stores.FederationOutbox.Head(ProvinceCode, 100)).Select(m => m.Message)
            .Where(m => m.Kind == FederationMessageKinds.AssessmentReported && m.CaseId == caseId).ToList();
}
