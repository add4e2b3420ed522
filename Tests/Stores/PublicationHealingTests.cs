using DataSharing.Assessment;
using DataSharing.Cases;
using DataSharing.Catalog;
using DataSharing.Common;
using DataSharing.Supervision;
using DataSharing.Tests.Supervision;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Stores;

/// <summary>
/// A case's (or entry's) state is written first, its rows in the stores after: a failure in between leaves the act
/// done, answered as done, and the rows come back by the case's retry reminder (a case) or its next activation (an entry).
/// </summary>
public sealed class PublicationHealingTests(FailingStoresCluster platform) : IClassFixture<FailingStoresCluster>
{
    [Fact]
    public async Task A_case_whose_list_row_failed_to_write_is_listed_after_its_next_activation()
    {
        platform.FailNextWrite("list:RN-heal-1");
        var notice = platform.Grains.GetGrain<IRectificationNoticeGrain>("RN-heal-1");
        var issued = await notice.Issue(RectificationNoticeTests.Findings(new DateOnly(2026, 10, 30)), RectificationNoticeTests.Authority);
        Assert.Equal(RectificationStatus.Open, issued.Status);
        Assert.DoesNotContain((await Listed()).Items, c => c.Id == "RN-heal-1");

        // The failed publication armed a retry: its tick publishes the case, with no call to it.
        await platform.Advance(Retry);
        var listed = await Eventually.Get(Listed, l => l.Items.Any(c => c.Id == "RN-heal-1"));
        Assert.Equal("Open", Assert.Single(listed.Items, c => c.Id == "RN-heal-1").Status);
    }

    [Fact]
    public async Task A_case_whose_assessment_fact_failed_to_write_is_counted_after_its_next_activation()
    {
        async Task<int> Open() => Assert.Single(await platform.Grains.GetGrain<IAssessmentGrain>(0).Assess(["340000-SC"], 2026)).NoticesOpen;
        var before = await Open();

        platform.FailNextWrite("assessment:RN-heal-2");
        var notice = platform.Grains.GetGrain<IRectificationNoticeGrain>("RN-heal-2");
        await notice.Issue(RectificationNoticeTests.Findings(new DateOnly(2026, 10, 30)), RectificationNoticeTests.Authority);
        Assert.Equal(before, await Open());

        await platform.Advance(Retry);
        Assert.Equal(before + 1, await Eventually.Get(Open, n => n == before + 1));
    }

    [Fact]
    public async Task An_entry_whose_catalog_row_failed_to_write_is_listed_after_its_next_activation()
    {
        var by = Actors.Operator("340000-GA");
        platform.FailNextWrite("list:340000-GA-9101");
        var entry = platform.Grains.GetGrain<ICatalogEntryGrain>("340000-GA-9101");
        Assert.Equal(CatalogEntryStatus.Draft, (await entry.Draft(Samples.ConditionalEntry() with { Name = "Healing register" }, by)).Status);
        Assert.DoesNotContain((await Catalog()).Items, e => e.Code == "340000-GA-9101");

        Assert.NotNull(await entry.Get());
        var listed = await Eventually.Get(Catalog, l => l.Items.Any(e => e.Code == "340000-GA-9101"));
        Assert.Equal("Healing register", Assert.Single(listed.Items, e => e.Code == "340000-GA-9101").Name);
    }

    [Fact]
    public async Task A_version_the_history_did_not_take_stays_with_the_entry_and_is_appended_before_the_history_is_read()
    {
        var by = Actors.Operator("340000-GA");
        var entry = platform.Grains.GetGrain<ICatalogEntryGrain>("340000-GA-9102");
        await entry.Draft(Samples.ConditionalEntry(), by);
        platform.FailNextWrite("history:340000-GA-9102");
        Assert.Equal(2, (await entry.Edit(Samples.ConditionalEntry() with { Name = "Renamed" }, 1, "renamed", by)).Version);

        var history = (await entry.GetHistory(PageRequest.First)).Items;
        Assert.Equal([1, 2], history.Select(v => v.Version));
        Assert.Equal("renamed", history[1].Note);
    }

    private static readonly TimeSpan Retry = DataSharing.Calendar.CaseDeadlines.RetryPeriod + TimeSpan.FromSeconds(5);

    private Task<Page<CaseSummary>> Listed() =>
        platform.Grains.GetGrain<ICaseListGrain>(0).List(new CaseListQuery(CaseKinds.RectificationNotice, "340000-SC"), new PageRequest(PageRequest.MaxLimit));

    private Task<Page<CatalogEntrySummary>> Catalog() =>
        platform.Grains.GetGrain<ICatalogListGrain>(0).List(new CatalogListQuery("340000-GA", false, Provider: "340000-GA"), new PageRequest(PageRequest.MaxLimit));
}
