using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Federation;
using DataSharing.Sharing;
using DataSharing.Tests.Support;
using static DataSharing.Tests.Federation.FederatedPlatforms;

namespace DataSharing.Tests.Federation;

/// <summary>
/// Art 23 level by level, city to city (issue 12, item 4): Hefei has no link to Wuhu, so its request for a Wuhu entry
/// travels through the province, which carries it without owning it; Wuhu's answer comes back the same way. The test
/// speaks for Wuhu (not running): what the province hands on waits in its link to Wuhu, and Wuhu's answer is posted to
/// the province signed with Wuhu's key.
/// </summary>
public sealed partial class FederationFaultTests
{
    [Fact]
    public async Task Art23_Art25_a_Hefei_request_for_a_Wuhu_entry_goes_through_the_province_and_Wuhus_answer_comes_back_once()
    {
        using var hefei = await platforms.Hefei.ClientFor(Role.DepartmentOperator, HefeiDepartment);
        using var provinceAdmin = await platforms.Province.ClientFor(Role.PlatformAdmin);
        var waiting = (await Link(platforms.Province, WuhuCode)).GetProperty("outbound").GetProperty("outboxDepth").GetInt32();
        var submission = Drill(HefeiDepartment, "340200-SC-0001", ["licenceNumber"], "Federation drill: a Hefei request for a Wuhu entry");
        var forwarded = await Submit(hefei, "city-1", new
        {
            entryCode = submission.EntryCode, dataItems = submission.DataItems, scenario = submission.Scenario,
            periodFrom = submission.PeriodFrom.ToString("yyyy-MM-dd"), periodTo = submission.PeriodTo.ToString("yyyy-MM-dd"),
        });
        Assert.Equal(WuhuCode, forwarded.GetProperty("providerPlatform").GetString());
        var id = forwarded.GetProperty("id").GetString()!;

        // The province carries it on (its link to Wuhu holds it) and owns nothing of it.
        await Eventually.Get(() => Link(platforms.Province, WuhuCode),
            l => l.GetProperty("outbound").GetProperty("outboxDepth").GetInt32() == waiting + 1, Bound);
        await ReceivedOnce(id, HefeiCode, "#submit ");
        Assert.Equal(HttpStatusCode.NotFound, (await provinceAdmin.GetAsync($"/api/share-requests/{id}")).StatusCode);

        // Wuhu owns the case and answers: its version 1, addressed to Hefei, handed to the province (the hop).
        var now = DateTimeOffset.UtcNow;
        var owned = new ShareRequestView
        {
            Id = id, Status = ShareRequestStatus.AwaitingProvider, Submission = submission, ProviderDepartment = "340200-SC",
            EntryName = "Wuhu business licences", ReceivedAt = now, RequesterPlatform = HefeiCode,
            History = [new CaseTransition(now, new Actor($"platform:{HefeiCode}", Role.FederationPeer, HefeiDepartment), "submit", null, "AwaitingProvider", null)],
        };
        var answer = FederationEffects.Routed(FederationEffects.ShareRequestChanged(WuhuCode, HefeiCode, owned, 1, now), WuhuCode, ProvinceCode);
        var sequence = (await Link(platforms.Province, WuhuCode)).GetProperty("inbound").GetProperty("expected").GetInt64();
        var token = WuhuSigns(new OutboundMessage(sequence, answer, now), now);
        Assert.Equal((HttpStatusCode.OK, InboxOutcome.Applied), await Post(token));
        Assert.Equal((HttpStatusCode.OK, InboxOutcome.Duplicate), await Post(token));

        var copy = await Status(hefei, id, "AwaitingProvider");
        Assert.Equal(WuhuCode, copy.GetProperty("providerPlatform").GetString());
        Assert.Equal("Wuhu business licences", copy.GetProperty("entryName").GetString());
        using var hefeiAdmin = await platforms.Hefei.ClientFor(Role.PlatformAdmin);
        bool Relayed(JsonElement r) => r.GetProperty("entry").GetProperty("action").GetString() == "receive"
            && r.GetProperty("entry").GetProperty("before").GetString()!.StartsWith($"{FederationMessageKinds.Relayed} {id}#1 ");
        var received = await Eventually.Get(() => Pages.All(hefeiAdmin, $"/api/federation/log/{ProvinceCode}?direction=in"), r => r.Any(Relayed), Bound);
        Assert.Single(received, Relayed);
        await Report();
    }
}
