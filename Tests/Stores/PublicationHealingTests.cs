using DataSharing.Cases;
using DataSharing.Common;
using DataSharing.Supervision;
using DataSharing.Tests.Supervision;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Stores;

/// <summary>
/// A case's state is written first, its rows in the stores after: a failure in between leaves the act done (and
/// answered as done), and the rows come back when the case is next activated.
/// </summary>
public sealed class PublicationHealingTests(FailingStoresCluster platform) : IClassFixture<FailingStoresCluster>
{
    [Fact]
    public async Task A_case_whose_list_row_failed_to_write_is_listed_after_its_next_activation()
    {
        platform.FailNextWrite("RN-heal-1");
        var notice = platform.Grains.GetGrain<IRectificationNoticeGrain>("RN-heal-1");
        var issued = await notice.Issue(RectificationNoticeTests.Findings(new DateOnly(2026, 10, 30)), RectificationNoticeTests.Authority);
        Assert.Equal(RectificationStatus.Open, issued.Status);
        Assert.DoesNotContain((await Listed()).Items, c => c.Id == "RN-heal-1");

        // The failed publication let the activation go: the next call activates the case again, which publishes it.
        Assert.NotNull(await notice.Get());
        var listed = await Eventually.Get(Listed, l => l.Items.Any(c => c.Id == "RN-heal-1"));
        Assert.Equal("Open", Assert.Single(listed.Items, c => c.Id == "RN-heal-1").Status);
    }

    private Task<Page<CaseSummary>> Listed() =>
        platform.Grains.GetGrain<ICaseListGrain>(0).List(new CaseListQuery(CaseKinds.RectificationNotice, "340000-SC"), new PageRequest(PageRequest.MaxLimit));
}
