using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Federation;
using DataSharing.Sharing;
using DataSharing.Tests.Cluster;
using DataSharing.Tests.Support;
using Xunit.Abstractions;
using static DataSharing.Tests.Federation.FederatedPlatforms;

namespace DataSharing.Tests.Federation;

/// <summary>
/// Art 23 (province and city platforms interconnected) on real processes: a Hefei department's request for a
/// province entry crosses from one cluster to the other and back, through cut links, crashes and restarts, and is
/// applied exactly once on each side. The platforms are shared by the tests (one fixture), each using its own requests.
/// </summary>
[Collection(nameof(ClusterCollection))]
public sealed partial class FederationFaultTests(FederatedPlatforms platforms, ITestOutputHelper output) : IClassFixture<FederatedPlatforms>
{
    private const string HefeiDepartment = "340100-GA";
    private const string ProvinceDepartment = "340000-GA";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Art23_Art25_a_Hefei_request_for_a_province_entry_is_granted_there_and_both_platforms_show_it()
    {
        using var hefei = await platforms.Hefei.ClientFor(Role.DepartmentOperator, HefeiDepartment);
        using var province = await platforms.Province.ClientFor(Role.DepartmentOperator, ProvinceDepartment);

        var submitted = await Submit(hefei, "granted-1");
        Assert.Equal("Forwarded", submitted.GetProperty("status").GetString());
        Assert.Equal(ProvinceCode, submitted.GetProperty("providerPlatform").GetString());
        var id = submitted.GetProperty("id").GetString()!;

        // The province owns the case: its deadline runs there, and the requester's copy shows it.
        var owned = await Status(province, id, "AwaitingProvider");
        Assert.Equal(HefeiCode, owned.GetProperty("requesterPlatform").GetString());
        var copy = await Status(hefei, id, "AwaitingProvider");
        Assert.Equal(owned.GetProperty("answerDeadline").GetProperty("dueAt").GetString(), copy.GetProperty("answerDeadline").GetProperty("dueAt").GetString());
        Assert.Contains(id, (await Pages.All(province, "/api/share-requests/inbox")).Select(r => r.GetProperty("id").GetString()));

        // The copy cannot be answered where it is not owned.
        var onCopy = await hefei.PostAsJsonAsync($"/api/share-requests/{id}/approve", new { });
        Assert.Equal(HttpStatusCode.Conflict, onCopy.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await province.PostAsJsonAsync($"/api/share-requests/{id}/approve", new { dataItems = new[] { "idNumber" } })).StatusCode);
        var granted = await Status(hefei, id, "Granted");
        Assert.Equal(["idNumber"], granted.GetProperty("grant").GetProperty("dataItems").EnumerateArray().Select(i => i.GetString()));
        var outbox = await Pages.All(hefei, "/api/share-requests/outbox");
        Assert.Equal("Granted", outbox.Single(r => r.GetProperty("id").GetString() == id).GetProperty("status").GetString());

        // Both federation logs hold the signed messages and acknowledgements, and their chains verify.
        foreach (var platform in new[] { platforms.Hefei, platforms.Province })
        {
            using var admin = await platform.ClientFor(Role.PlatformAdmin);
            Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/federation/log/verify")).GetProperty("intact").GetBoolean());
        }

        using var hefeiAdmin = await platforms.Hefei.ClientFor(Role.PlatformAdmin);
        var sent = await Pages.All(hefeiAdmin, $"/api/federation/log/{ProvinceCode}?direction=out");
        Assert.Contains(sent, r => r.GetProperty("entry").GetProperty("action").GetString() == "ack"
            && r.GetProperty("entry").GetProperty("before").GetString()!.Contains($"{id}#submit"));
        await Report();
    }

    [Fact]
    public async Task Art23_Art25_a_province_request_for_a_Hefei_entry_is_answered_on_Hefei_and_a_city_holds_nothing_of_the_province()
    {
        using var rs = await platforms.Province.ClientFor(Role.DepartmentOperator, "340000-RS");
        using var hefei = await platforms.Hefei.ClientFor(Role.DepartmentOperator, HefeiDepartment);

        // Hefei's platform holds its own departments and entries only; the province's are copies, owned over the link.
        var own = (await Pages.All(hefei, "/api/catalog?local=true")).Select(e => e.GetProperty("code").GetString()!).ToList();
        Assert.Contains("340100-GA-0001", own);
        Assert.All(own, code => Assert.StartsWith($"{HefeiCode}-", code));
        var copies = await Eventually.Get(() => Pages.All(hefei, "/api/catalog?local=false"),
            c => c.Any(e => e.GetProperty("code").GetString() == "340000-GA-0001"), Bound);
        Assert.Contains(copies, e => e.GetProperty("code").GetString() == "340000-GA-0001");
        Assert.All(copies, e => Assert.Equal(ProvinceCode, e.GetProperty("originPlatform").GetString()));

        var id = (await Submit(rs, "reverse-1", ResidencePermits(["idNumber", "validTo"]))).GetProperty("id").GetString()!;
        await Status(hefei, id, "AwaitingProvider");
        var refusal = await hefei.PostAsJsonAsync($"/api/share-requests/{id}/refuse",
            new { reason = "Residence permits are checked by the holder's own application.", legalBasis = "Interim Regulations on Residence Permits, Art 12" });
        Assert.Equal(HttpStatusCode.OK, refusal.StatusCode);
        var refused = await Status(rs, id, "Refused");
        Assert.Equal("Interim Regulations on Residence Permits, Art 12", refused.GetProperty("answer").GetProperty("legalBasis").GetString());

        // What only the entry can tell (an item it does not have) is refused by its owner, and the refusal travels back.
        var invalid = (await Submit(rs, "reverse-2", ResidencePermits(["plateNumber"]))).GetProperty("id").GetString()!;
        var answer = (await Status(rs, invalid, "Refused")).GetProperty("answer").GetProperty("reason").GetString()!;
        Assert.Contains("plateNumber", answer);
        await Report();
    }

    private static object ResidencePermits(string[] items) => new
    {
        entryCode = "340100-GA-0001",
        dataItems = items,
        scenario = "Social insurance transfers of Hefei residents",
        periodFrom = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd"),
        periodTo = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(180).ToString("yyyy-MM-dd"),
    };

    [Fact]
    public async Task Art23_a_request_sent_while_the_link_is_cut_is_delivered_once_after_it_heals()
    {
        using var hefei = await platforms.Hefei.ClientFor(Role.DepartmentOperator, HefeiDepartment);
        using var provinceAdmin = await platforms.Province.ClientFor(Role.PlatformAdmin);
        var id = await platforms.WhileCut(async () =>
        {
            var id = (await Submit(hefei, "cut-1")).GetProperty("id").GetString()!;
            var waiting = await Eventually.Get(() => Link(platforms.Hefei, ProvinceCode),
                l => l.GetProperty("outbound").GetProperty("failedAttempts").GetInt64() >= 2, Bound);
            Assert.Equal(1, waiting.GetProperty("outbound").GetProperty("outboxDepth").GetInt32());
            Assert.Equal(HttpStatusCode.NotFound, (await provinceAdmin.GetAsync($"/api/share-requests/{id}")).StatusCode);
            return id;
        });

        var healed = Stopwatch.StartNew();
        await Status(hefei, id, "AwaitingProvider");
        output.WriteLine($"delivery lag after the heal (request there and its answer back): {healed.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(0, (await Link(platforms.Hefei, ProvinceCode)).GetProperty("outbound").GetProperty("outboxDepth").GetInt32());
        await ReceivedOnce(id, HefeiCode, "#submit ");
        await Report();
    }

    [Fact]
    public async Task Art23_Art25_the_province_answers_while_Hefei_is_down_and_Hefei_shows_the_answer_when_it_returns()
    {
        using var hefei = await platforms.Hefei.ClientFor(Role.DepartmentOperator, HefeiDepartment);
        using var province = await platforms.Province.ClientFor(Role.DepartmentOperator, ProvinceDepartment);
        var id = (await Submit(hefei, "down-1")).GetProperty("id").GetString()!;
        await Status(hefei, id, "AwaitingProvider");

        platforms.Hefei.KillAll();
        Assert.Equal(HttpStatusCode.OK, (await province.PostAsJsonAsync($"/api/share-requests/{id}/approve", new { })).StatusCode);
        var undelivered = await Eventually.Get(() => Link(platforms.Province, HefeiCode),
            l => l.GetProperty("outbound").GetProperty("failedAttempts").GetInt64() >= 2, Bound);
        Assert.True(undelivered.GetProperty("outbound").GetProperty("outboxDepth").GetInt32() >= 1);

        await platforms.Hefei.StartAll();
        using var back = await platforms.Hefei.ClientFor(Role.DepartmentOperator, HefeiDepartment);
        await Status(back, id, "Granted");
        await Report();
    }

    [Fact]
    public async Task Art23_duplicated_replayed_reordered_and_tampered_messages_are_applied_once_or_refused()
    {
        // Wuhu's messages, signed with its key by the test, posted straight to the province's front door.
        // Numbered from where the province's inbox from Wuhu stands (another test may have spoken for Wuhu before).
        var before = (await Link(platforms.Province, WuhuCode)).GetProperty("inbound");
        var first = before.GetProperty("expected").GetInt64();
        var ids = Enumerable.Range(1, 3).Select(i => $"SR-WUHU{Guid.NewGuid():N}"[..20] + i).ToList();
        var tokens = ids.Select((id, i) => WuhuSigns(id, first + i, DateTimeOffset.UtcNow)).ToList();

        Assert.Equal((HttpStatusCode.OK, InboxOutcome.Applied), await Post(tokens[0]));
        Assert.Equal((HttpStatusCode.OK, InboxOutcome.Duplicate), await Post(tokens[0]));        // a retry or a replay
        Assert.Equal((HttpStatusCode.Conflict, InboxOutcome.Gap), await Post(tokens[2]));        // ahead of the sequence
        Assert.Equal((HttpStatusCode.OK, InboxOutcome.Applied), await Post(tokens[1]));
        Assert.Equal((HttpStatusCode.OK, InboxOutcome.Applied), await Post(tokens[2]));
        Assert.Equal((HttpStatusCode.OK, InboxOutcome.Duplicate), await Post(tokens[1]));

        var parts = tokens[2].Split('.');
        var tampered = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]).Replace("name", "householdAddress"))}.{parts[2]}";
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(tampered)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(WuhuSigns(ids[0] + "x", first + 3, DateTimeOffset.UtcNow - TimeSpan.FromMinutes(10)))).StatusCode);
        var stranger = new Es256MessageSignature(Es256MessageSignature.NewKeyPair().PrivateKey)
            .Sign(FederationEnvelope.Payload(new OutboundMessage(1, Submitted("SR-STRANGER-1", "340300", "340300-GA"), DateTimeOffset.UtcNow), DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(stranger)).StatusCode);

        // A kind this platform does not know is logged and passed, so what follows it is not held up for ever.
        var now = DateTimeOffset.UtcNow;
        var unknown = new FederationMessage($"{ids[0]}#later", "no-such.kind", WuhuCode, ProvinceCode, ids[0], "{}", now);
        Assert.Equal((HttpStatusCode.OK, InboxOutcome.Applied),
            await Post(WuhuSigns(new OutboundMessage(first + 3, unknown, now), now)));

        using var admin = await platforms.Province.ClientFor(Role.PlatformAdmin);
        foreach (var id in ids)
        {
            var request = await admin.GetFromJsonAsync<JsonElement>($"/api/share-requests/{id}");
            Assert.Equal("AwaitingProvider", request.GetProperty("status").GetString());
            Assert.Equal(1, await Received(id, WuhuCode));
        }

        var after = (await Link(platforms.Province, WuhuCode)).GetProperty("inbound");
        Assert.Equal(4, Delta("applied"));
        Assert.Equal(2, Delta("duplicates"));
        Assert.Equal(1, Delta("gaps"));
        Assert.Equal(3, Delta("rejected"));
        await Report();

        long Delta(string counter) => after.GetProperty(counter).GetInt64() - before.GetProperty(counter).GetInt64();
    }

    [Fact]
    public async Task Art23_a_sending_silo_killed_between_the_state_write_and_the_delivery_loses_nothing()
    {
        using var hefei = await platforms.Hefei.ClientFor(Role.DepartmentOperator, HefeiDepartment);
        var id = await platforms.WhileCut(async () =>
        {
            var id = (await Submit(hefei, "killed-1")).GetProperty("id").GetString()!;
            await platforms.Hefei.RestartSilo(0);
            var kept = await Eventually.Get(() => Link(platforms.Hefei, ProvinceCode),
                l => l.GetProperty("outbound").GetProperty("outboxDepth").GetInt32() >= 1, Bound);
            Assert.Equal(1, kept.GetProperty("outbound").GetProperty("outboxDepth").GetInt32());
            return id;
        });

        await Status(hefei, id, "AwaitingProvider");
        await ReceivedOnce(id, HefeiCode, "#submit ");
        await Report();
    }

    [Fact]
    public async Task Art25_Art43_a_deadline_missed_on_the_province_shows_as_overdue_in_Hefei()
    {
        using var hefei = await platforms.Hefei.ClientFor(Role.DepartmentOperator, HefeiDepartment);
        var id = (await Submit(hefei, "overdue-1")).GetProperty("id").GetString()!;
        await Status(hefei, id, "AwaitingProvider");
        try
        {
            // 20 days on the province's clock: past any seven working days. Hefei's clock stays where it is.
            await platforms.Province.RestartSilo(0, TimeSpan.FromDays(20));
            var overdue = await Status(hefei, id, "Overdue");
            Assert.Contains(overdue.GetProperty("history").EnumerateArray(), t => t.GetProperty("action").GetString() == "overdue");
        }
        finally
        {
            await platforms.Province.RestartSilo(0);
        }

        await Report();
    }

    private static async Task<JsonElement> Submit(HttpClient client, string key, object? request = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/share-requests") { Content = JsonContent.Create(request ?? ClusterScenario.Request($"Federation drill {key}")) };
        message.Headers.Add("Idempotency-Key", $"{key}-{Guid.NewGuid():N}");
        var response = await client.SendAsync(message);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls a request until it has the status (a 503 while a silo restarts is waited out).</summary>
    private static async Task<JsonElement> Status(HttpClient client, string id, string status)
    {
        var (code, request) = await Eventually.Get(() => ClusterScenario.GetSettled(client, id, Bound),
            r => r.Request?.GetProperty("status").GetString() == status, Bound);
        Assert.True(request?.GetProperty("status").GetString() == status, $"{id}: {code} {request}");
        return request!.Value;
    }

    private static async Task<JsonElement> Link(LocalCluster platform, string peer)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return (await Links(platform)).GetProperty("links").EnumerateArray().Single(l => l.GetProperty("peer").GetString() == peer);
            }
            catch (HttpRequestException) when (attempt < 20)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>
    /// Asserts that the province applied the message of <paramref name="act"/> on <paramref name="id"/> exactly once. Its
    /// log record follows the effect (whose consequences the test may see first), so it is waited for.
    /// </summary>
    private async Task ReceivedOnce(string id, string from, string act) =>
        Assert.Equal(1, await Eventually.Get(() => Received(id, from, act), n => n >= 1, Bound));

    /// <summary>How many times the province applied the message of <paramref name="act"/> on <paramref name="id"/> (its federation log's "receive" records).</summary>
    private async Task<int> Received(string id, string from = HefeiCode, string act = "#submit ")
    {
        using var admin = await platforms.Province.ClientFor(Role.PlatformAdmin);
        var received = await Pages.All(admin, $"/api/federation/log/{from}?direction=in");
        return received.Count(r => r.GetProperty("entry").GetProperty("action").GetString() == "receive"
            && r.GetProperty("entry").GetProperty("before").GetString()!.Contains($"{id}{act}"));
    }

    private static FederationMessage Submitted(string id, string from, string department) =>
        FederationEffects.ShareRequestSubmitted(from, ProvinceCode, id, Drill(department, "340000-GA-0001", ["name"], "Federation protocol drill") with
        {
            Materials = [new("Official letter of request", "WH-1"), new("Data security commitment", "WH-2")],
        }, DateTimeOffset.UtcNow);

    /// <summary>A request of <paramref name="department"/> for <paramref name="entryCode"/>, from today for 30 days.</summary>
    private static ShareRequestSubmission Drill(string department, string entryCode, string[] items, string scenario) => new()
    {
        RequesterDepartment = department,
        EntryCode = entryCode,
        DataItems = items,
        Scenario = scenario,
        PeriodFrom = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)),
        PeriodTo = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(30),
    };

    private static string WuhuSigns(string id, long sequence, DateTimeOffset sentAt) =>
        WuhuSigns(new OutboundMessage(sequence, Submitted(id, WuhuCode, "340200-GA"), sentAt), sentAt);

    /// <summary>What Wuhu's platform would post to the province: the message numbered on its link, signed with its key.</summary>
    private static string WuhuSigns(OutboundMessage message, DateTimeOffset sentAt) =>
        new Es256MessageSignature(WuhuKeys.PrivateKey).Sign(FederationEnvelope.Payload(message, sentAt));

    private async Task<HttpResponseMessage> Send(string token)
    {
        using var http = new HttpClient { BaseAddress = platforms.Province.Api.BaseAddress };
        return await http.PostAsync(FederationTransport.Path, new StringContent(token, Encoding.ASCII, FederationTransport.MediaType));
    }

    private async Task<(HttpStatusCode, InboxOutcome)> Post(string token)
    {
        var response = await Send(token);
        var ack = FederationEnvelope.Ack(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode((await response.Content.ReadAsStringAsync()).Split('.')[1]));
        return (response.StatusCode, ack.Outcome);
    }

    /// <summary>The message counts of every link, for the test log.</summary>
    private async Task Report()
    {
        foreach (var (name, platform) in new[] { ("province", platforms.Province), ("hefei", platforms.Hefei) })
        {
            foreach (var link in (await Links(platform)).GetProperty("links").EnumerateArray())
            {
                var o = link.GetProperty("outbound");
                var i = link.GetProperty("inbound");
                output.WriteLine($"{name} <-> {link.GetProperty("peer").GetString()}: sent {o.GetProperty("sent")} delivered {o.GetProperty("delivered")} " +
                    $"outbox {o.GetProperty("outboxDepth")} failed attempts {o.GetProperty("failedAttempts")} last lag {o.GetProperty("lastDeliveryLagSeconds")} s | " +
                    $"applied {i.GetProperty("applied")} duplicates {i.GetProperty("duplicates")} gaps {i.GetProperty("gaps")} rejected {i.GetProperty("rejected")}");
            }
        }
    }
}
