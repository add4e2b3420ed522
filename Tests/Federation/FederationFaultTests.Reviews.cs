using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Support;
using static DataSharing.Tests.Federation.FederatedPlatforms;

namespace DataSharing.Tests.Federation;

/// <summary>
/// Art 26 across levels (issue 12, item 4: reviews of another cluster's data travel the same way as requests): a
/// Hefei department's review of a province entry is owned by the province, which answers it within its deadline or
/// lets it run out; Hefei's copy shows each version.
/// </summary>
public sealed partial class FederationFaultTests
{
    [Fact]
    public async Task Art26_Art43_a_Hefei_review_filed_while_the_link_is_cut_is_delivered_once_answered_on_the_province_and_a_deadline_missed_there_shows_overdue_in_Hefei()
    {
        using var hefei = await platforms.Hefei.ClientFor(Role.DepartmentOperator, HefeiDepartment);
        using var province = await platforms.Province.ClientFor(Role.DepartmentOperator, ProvinceDepartment);
        using var provinceAdmin = await platforms.Province.ClientFor(Role.PlatformAdmin);
        const string code = "340000-GA-0001";
        await Eventually.Get(() => Pages.All(hefei, "/api/catalog?local=false"), c => c.Any(e => e.GetProperty("code").GetString() == code), Bound);

        var failedBefore = (await Link(platforms.Hefei, ProvinceCode)).GetProperty("outbound").GetProperty("failedAttempts").GetInt64();
        var (answered, late) = await platforms.WhileCut(async () =>
        {
            var filed = new List<string>();
            foreach (var key in new[] { "review-cut-1", "review-cut-2" })
            {
                var review = await FileReview(hefei, key, new { entryCode = code, dataItems = new[] { "householdAddress" }, description = $"Federation drill {key}: the address is outdated.", route = "Provider" });
                Assert.Equal(("Forwarded", ProvinceCode), (review.GetProperty("status").GetString(), review.GetProperty("providerPlatform").GetString()));
                filed.Add(review.GetProperty("id").GetString()!);
            }

            var waiting = await Eventually.Get(() => Link(platforms.Hefei, ProvinceCode),
                l => l.GetProperty("outbound").GetProperty("failedAttempts").GetInt64() >= failedBefore + 2, Bound);
            Assert.True(waiting.GetProperty("outbound").GetProperty("outboxDepth").GetInt32() >= 2);
            Assert.Equal(HttpStatusCode.NotFound, (await provinceAdmin.GetAsync($"/api/reviews/{filed[0]}")).StatusCode);
            return (filed[0], filed[1]);
        });

        // Delivered once after the heal: the province owns the case and its deadline, and Hefei's copy shows it.
        var healed = Stopwatch.StartNew();
        var copy = await Reviewed(hefei, answered, "Verifying");
        output.WriteLine($"review delivery lag after the heal (the review there and its first version back): {healed.Elapsed.TotalSeconds:F2} s");
        var owned = await Reviewed(province, answered, "Verifying");
        Assert.Equal(HefeiCode, owned.GetProperty("requesterPlatform").GetString());
        Assert.Equal(owned.GetProperty("deadline").GetProperty("dueAt").GetString(), copy.GetProperty("deadline").GetProperty("dueAt").GetString());
        await ReceivedOnce(answered, HefeiCode, "#file ");
        await ReceivedOnce(late, HefeiCode, "#file ");
        Assert.Contains(await Pages.All(hefei, "/api/reviews"), r => r.GetProperty("id").GetString() == answered);

        // Answered where it is owned (the copy refuses with 409), and the answer shows in Hefei.
        Assert.Equal(HttpStatusCode.Conflict, (await hefei.PostAsJsonAsync($"/api/reviews/{answered}/confirm", new { explanation = "Not ours to answer." })).StatusCode);
        const string explanation = "The address is the registered one; the move was not declared.";
        Assert.Equal(HttpStatusCode.OK, (await province.PostAsJsonAsync($"/api/reviews/{answered}/confirm", new { explanation })).StatusCode);
        var confirmed = await Reviewed(hefei, answered, "Confirmed");
        Assert.Equal(explanation, confirmed.GetProperty("outcome").GetProperty("explanation").GetString());

        // The other one is left unanswered: 20 days on the province's clock (Hefei's stays), past its 7 working days.
        await Reviewed(hefei, late, "Verifying");
        try
        {
            await platforms.Province.RestartSilo(0, TimeSpan.FromDays(20));
            var overdue = await Reviewed(hefei, late, "Overdue");
            Assert.Contains(overdue.GetProperty("history").EnumerateArray(), t => t.GetProperty("action").GetString() == "overdue");
        }
        finally
        {
            await platforms.Province.RestartSilo(0);
        }

        await Report();
    }

    private static async Task<JsonElement> FileReview(HttpClient client, string key, object review)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/reviews") { Content = JsonContent.Create(review) };
        message.Headers.Add("Idempotency-Key", $"{key}-{Guid.NewGuid():N}");
        var response = await client.SendAsync(message);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls a review until it has the status (a 503 or a failed connection while a silo restarts is waited out).</summary>
    private static async Task<JsonElement> Reviewed(HttpClient client, string id, string status)
    {
        var review = await Eventually.Get(async () =>
        {
            try
            {
                var response = await client.GetAsync($"/api/reviews/{id}");
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return null;
            }
        }, r => r?.GetProperty("status").GetString() == status, Bound);
        Assert.True(review?.GetProperty("status").GetString() == status, $"{id}: {review}");
        return review!.Value;
    }
}
