using System.Text.Json;
using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Departments;
using DataSharing.Federation;
using DataSharing.Reviews;
using DataSharing.Tests.Support;
using Microsoft.Extensions.Options;
using static DataSharing.Tests.Federation.FederatedPlatforms;

namespace DataSharing.Tests.Federation;

/// <summary>
/// Art 23, 26: a review of another platform's entry, at grain level on Hefei's platform (its link to the province
/// leads nowhere, so what it sends stays in the outbox, where the tests read it). As the applicant's platform Hefei
/// keeps a copy and mirrors the owner's versions; as the owner of an entry (the demo seeds the province's entries here
/// as its own) it takes a Wuhu department's review as its own case and reports each version back through the province.
/// </summary>
public sealed class ReviewFederationTests(FederatedHefeiCluster hefei) : IClassFixture<FederatedHefeiCluster>
{
    private const string HefeiDepartment = "340100-GA";
    private const string WuhuDepartment = "340200-SC";

    /// <summary>How Hefei routes: the province is its only peer, Wuhu is reached through it.</summary>
    private static readonly FederationRouting Hefei = new(Options.Create(new FederationOptions
    {
        PlatformCode = HefeiCode,
        Peers = [new FederationPeer { Code = ProvinceCode, BaseUrl = "http://127.0.0.1:9" }],
    }));

    private IReviewGrain Review(string id) => hefei.Grains.GetGrain<IReviewGrain>(id);

    private static FileReview Application(string entryCode, ReviewRoute route = ReviewRoute.Provider) =>
        new(entryCode, ["idNumber"], "The identity number has a wrong check digit.", route, "ID card scan");

    /// <summary>A copy of a province entry in Hefei's catalog, as the province's link delivers it.</summary>
    private async Task<string> ProvinceCopy(string code)
    {
        var now = hefei.Clock.GetUtcNow();
        var entry = new CatalogEntryView(code, CatalogEntryStatus.Published, 1, Samples.ConditionalEntry(CatalogCodes.DepartmentOf(code)), now, now, now, null);
        await FederationEffects.Apply(hefei.Grains, FederationEffects.CatalogEntryChanged(ProvinceCode, HefeiCode, new CatalogEntryCopy(ProvinceCode, 1, true, entry), now), Hefei);
        Assert.True((await hefei.Grains.GetGrain<ICatalogEntryGrain>(code).Get())!.IsCopy);
        return code;
    }

    /// <summary>The messages waiting in Hefei's link to the province; a relayed one as its origin sent it.</summary>
    private async Task<List<FederationMessage>> Sent(string caseId) =>
        (await hefei.Stores.FederationOutbox.Head(ProvinceCode, 1000)).Select(m => m.Message)
            .Select(m => m.Kind == FederationMessageKinds.Relayed ? JsonSerializer.Deserialize<FederationMessage>(m.Body, FederationEffects.Json)! : m)
            .Where(m => m.CaseId == caseId).ToList();

    private static FederationMessage Changed(ReviewView review, int version, string from = ProvinceCode) =>
        FederationEffects.ReviewChanged(from, HefeiCode, review, version, PlatformTestCluster.Start);

    private static ReviewView Version(string id, ReviewStatus status, Actor applicant, DateTimeOffset at) => new()
    {
        Id = id,
        Status = status,
        Application = Application("340000-GA-0091"),
        Applicant = applicant,
        ProviderDepartment = "340000-GA",
        FiledAt = at,
        ReceivedAt = at,
        RequesterPlatform = HefeiCode,
        Deadline = new Deadline(new DateOnly(2026, 9, 24), 7, new DateOnly(2026, 10, 9), at.AddDays(15), false),
        History = [new CaseTransition(at, applicant, "file", null, status.ToString(), null)],
    };

    [Fact]
    public async Task Art26_Art23_a_Hefei_review_of_a_province_entry_copy_is_kept_as_a_copy_and_sent_once_to_the_province()
    {
        var code = await ProvinceCopy("340000-GA-0091");
        var applicant = Actors.Operator(HefeiDepartment);

        var filed = await Review("RV-FED-1").File(Application(code), applicant);
        Assert.Equal((ReviewStatus.Forwarded, ProvinceCode, "340000-GA"), (filed.Status, filed.ProviderPlatform, filed.ProviderDepartment));
        Assert.Null(filed.Deadline);
        // Filed again (a client that was not sure): the same copy, and still one message.
        var again = await Review("RV-FED-1").File(Application(code), applicant);
        Assert.Equal((filed.Status, filed.FiledAt, 1), (again.Status, again.FiledAt, again.History.Count));

        var message = Assert.Single(await Sent("RV-FED-1"));
        Assert.Equal((FederationMessageKinds.ReviewFiled, "RV-FED-1#file", HefeiCode, ProvinceCode), (message.Kind, message.Id, message.From, message.To));
        var sent = JsonSerializer.Deserialize<ReviewFiled>(message.Body, FederationEffects.Json)!;
        Assert.Equal((applicant, code), (sent.Applicant, sent.Application.EntryCode));

        // Listed for the applicant's department, not for the province's (listed there); the copy is not marked here.
        var row = (await hefei.Grains.GetGrain<ICaseListGrain>(0).Find(CaseKinds.Review, "RV-FED-1"))!;
        Assert.Equal((nameof(ReviewStatus.Forwarded), true), (row.Status, row.Open));
        Assert.Equal([HefeiDepartment], row.Departments);
        Assert.Null((await hefei.Grains.GetGrain<ICatalogEntryGrain>(code).Get())!.UnderReview);

        // The province owns the case: it is not acted on here (409 naming the owner).
        var confirm = await Assert.ThrowsAsync<IllegalTransitionException>(() => Review("RV-FED-1").Confirm("Right.", Actors.Operator("340000-GA")));
        Assert.Contains($"platform {ProvinceCode}", confirm.Message);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => Review("RV-FED-1").Route(Actors.Admin));
    }

    [Fact]
    public async Task Art26_Art23_the_applicant_s_copy_mirrors_only_newer_versions_from_the_owner_s_platform()
    {
        var code = await ProvinceCopy("340000-GA-0092");
        var applicant = Actors.Operator(HefeiDepartment);
        await Review("RV-FED-2").File(Application(code), applicant);
        var peer = new Actor($"{applicant.Subject}@platform:{HefeiCode}", Role.FederationPeer, HefeiDepartment);
        var at = hefei.Clock.GetUtcNow();

        var verifying = Version("RV-FED-2", ReviewStatus.Verifying, peer, at);
        await FederationEffects.Apply(hefei.Grains, Changed(verifying, 2), Hefei);
        var copy = (await Review("RV-FED-2").Get())!;
        Assert.Equal((ReviewStatus.Verifying, ProvinceCode, (string?)null), (copy.Status, copy.ProviderPlatform, copy.RequesterPlatform));
        Assert.Equal(verifying.Deadline, copy.Deadline);
        Assert.Equal(applicant, copy.Applicant);
        Assert.NotNull(copy.ReportedAt);
        var stored = (await hefei.Grains.GetGrain<ICaseListGrain>(0).Find(CaseKinds.Review, "RV-FED-2"))!.Version;

        // Re-applied, older or from another platform: nothing changes (no new version here).
        await FederationEffects.Apply(hefei.Grains, Changed(verifying, 2), Hefei);
        await FederationEffects.Apply(hefei.Grains, Changed(verifying with { Status = ReviewStatus.AwaitingRouting }, 1), Hefei);
        await FederationEffects.Apply(hefei.Grains, Changed(verifying with { Status = ReviewStatus.Confirmed }, 3, WuhuCode), Hefei);
        Assert.Equal(ReviewStatus.Verifying, (await Review("RV-FED-2").Get())!.Status);
        Assert.Equal(stored, (await hefei.Grains.GetGrain<ICaseListGrain>(0).Find(CaseKinds.Review, "RV-FED-2"))!.Version);

        var overdue = verifying with { Status = ReviewStatus.Overdue };
        await FederationEffects.Apply(hefei.Grains, Changed(overdue, 3), Hefei);
        Assert.Equal(ReviewStatus.Overdue, (await Review("RV-FED-2").Get())!.Status);
        Assert.Equal(nameof(ReviewStatus.Overdue), (await hefei.Grains.GetGrain<ICaseListGrain>(0).Find(CaseKinds.Review, "RV-FED-2"))!.Status);
        // Overdue on the province: its violation is recorded there, not in Hefei.
        Assert.DoesNotContain((await hefei.Grains.GetGrain<IViolationLogGrain>(0).ListOf("340000-GA", PageRequest.First)).Items, v => v.CaseId == "RV-FED-2");
    }

    [Fact]
    public async Task Art26_Art23_the_owner_takes_a_Wuhu_department_s_review_as_its_own_case_once_and_reports_each_version_back_through_the_province()
    {
        var filedAt = hefei.Clock.GetUtcNow();
        var applicant = Actors.Operator(WuhuDepartment);
        var message = FederationEffects.ReviewFiled(WuhuCode, HefeiCode, "RV-FED-3", new ReviewFiled(Application("340000-GA-0001"), applicant, filedAt), filedAt);
        await FederationEffects.Apply(hefei.Grains, message, Hefei);
        await FederationEffects.Apply(hefei.Grains, message, Hefei);

        // As if filed here, by the peer for its department: the 7 working days run here, and the entry is marked.
        var owned = (await Review("RV-FED-3").Get())!;
        Assert.Equal((ReviewStatus.Verifying, WuhuCode, (string?)null), (owned.Status, owned.RequesterPlatform, owned.ProviderPlatform));
        Assert.Equal(new Actor($"{applicant.Subject}@platform:{WuhuCode}", Role.FederationPeer, WuhuDepartment), owned.Applicant);
        Assert.Equal(7, owned.Deadline!.WorkingDays);
        Assert.Single(owned.History);
        Assert.Contains("RV-FED-3", (await hefei.Grains.GetGrain<ICatalogEntryGrain>("340000-GA-0001").Get())!.UnderReview!);

        var confirmed = await Review("RV-FED-3").Confirm("The check digit is right; the scan is blurred.", Actors.Operator("340000-GA"));
        Assert.Equal(ReviewStatus.Confirmed, confirmed.Status);

        // Each version goes back to Wuhu, wrapped for the province (Wuhu is no peer of Hefei's).
        var relayed = (await hefei.Stores.FederationOutbox.Head(ProvinceCode, 1000)).Select(m => m.Message).Where(m => m.CaseId == "RV-FED-3").ToList();
        Assert.All(relayed, m => Assert.Equal((FederationMessageKinds.Relayed, ProvinceCode), (m.Kind, m.To)));
        var versions = await Sent("RV-FED-3");
        Assert.Equal(["RV-FED-3#1", "RV-FED-3#2"], versions.Select(m => m.Id));
        Assert.All(versions, m => Assert.Equal((FederationMessageKinds.ReviewChanged, HefeiCode, WuhuCode), (m.Kind, m.From, m.To)));
        Assert.Contains("Confirmed", versions[^1].Body);
    }

    [Fact]
    public async Task Art26_Art43_a_peer_s_review_unanswered_on_the_owner_is_overdue_there_with_a_violation_and_the_overdue_version_goes_back()
    {
        var filedAt = hefei.Clock.GetUtcNow();
        await FederationEffects.Apply(hefei.Grains, FederationEffects.ReviewFiled(WuhuCode, HefeiCode, "RV-FED-4",
            new ReviewFiled(Application("340000-GA-0001"), Actors.Operator(WuhuDepartment), filedAt), filedAt), Hefei);
        var owned = (await Review("RV-FED-4").Get())!;

        await hefei.Advance(owned.Deadline!.DueAt - hefei.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var overdue = await Eventually.Get(() => Review("RV-FED-4").Get(), r => r!.Status == ReviewStatus.Overdue);
        Assert.Equal(ReviewStatus.Overdue, overdue!.Status);
        var violations = await Eventually.Get(() => Violations.Of(hefei.Grains, "340000-GA"), v => v.Any(x => x.CaseId == "RV-FED-4"));
        Assert.Equal("Art 43(5)", Assert.Single(violations, v => v.CaseId == "RV-FED-4").Article);
        var back = await Eventually.Get(() => Sent("RV-FED-4"), m => m.Count == 2);
        Assert.Contains("Overdue", back[^1].Body);
    }

    [Fact]
    public async Task Art26_Art23_a_review_the_owner_cannot_take_is_refused_and_the_refusal_goes_back_instead_of_holding_up_the_link()
    {
        // Kept to the owner's platform (Art 23: shared with no other level).
        var zr = Actors.Operator("340000-ZR");
        var own = Samples.ConditionalEntry("340000-ZR") with { DataItems = [new("parcelNumber", "string"), new("idNumber", "string")], ShareScope = ShareScope.Platform };
        await hefei.Grains.GetGrain<ICatalogEntryGrain>("340000-ZR-7101").Draft(own, zr);
        await hefei.Grains.GetGrain<ICatalogEntryGrain>("340000-ZR-7101").Publish(zr);
        var at = hefei.Clock.GetUtcNow();

        foreach (var (id, code, field) in new[] { ("RV-FED-5", "340000-ZR-7101", "Art 23"), ("RV-FED-6", "340000-GA-0077", "No published catalog entry") })
        {
            await FederationEffects.Apply(hefei.Grains, FederationEffects.ReviewFiled(WuhuCode, HefeiCode, id,
                new ReviewFiled(Application(code), Actors.Operator(WuhuDepartment), at), at), Hefei);
            var refused = (await Review(id).Get())!;
            Assert.Equal(ReviewStatus.Refused, refused.Status);
            Assert.Contains(field, refused.Refusal);
            var back = Assert.Single(await Sent(id));
            Assert.Equal((FederationMessageKinds.ReviewChanged, $"{id}#1", WuhuCode), (back.Kind, back.Id, back.To));
            Assert.Contains("Refused", back.Body);
        }

        Assert.Null((await hefei.Grains.GetGrain<ICatalogEntryGrain>("340000-ZR-7101").Get())!.UnderReview);
    }

    [Fact]
    public async Task Art26_Art23_a_platform_files_reviews_for_its_own_departments_only()
    {
        var at = hefei.Clock.GetUtcNow();
        await FederationEffects.Apply(hefei.Grains, FederationEffects.ReviewFiled(WuhuCode, HefeiCode, "RV-FED-7",
            new ReviewFiled(Application("340000-GA-0001"), Actors.Operator("340300-GA"), at), at), Hefei);
        Assert.Null(await Review("RV-FED-7").Get());
        Assert.Empty(await Sent("RV-FED-7"));
    }
}
