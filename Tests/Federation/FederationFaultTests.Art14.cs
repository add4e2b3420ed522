using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Support;
using static DataSharing.Tests.Federation.FederatedPlatforms;

namespace DataSharing.Tests.Federation;

/// <summary>
/// Art 14 and Art 42 across levels (issue 12, item 5) on the two clusters: Hefei's data authority asks the province's
/// for consent to a personalized entry and the consent comes back; a Hefei department's assessment fact reaches the
/// province's assessment; and a city authority sees none of the province's cases.
/// </summary>
public sealed partial class FederationFaultTests
{
    private const string HefeiAuthority = "340100-SJ";
    private const string ProvinceAuthority = "340000-SJ";

    [Fact]
    public async Task Art14_Art42_a_Hefei_ask_is_approved_by_the_province_authority_and_a_Hefei_assessment_fact_reaches_the_province()
    {
        using var hefeiOperator = await platforms.Hefei.ClientFor(Role.DepartmentOperator, HefeiDepartment);
        using var hefeiAuthority = await platforms.Hefei.ClientFor(Role.DataAuthority, HefeiAuthority);
        using var provinceAuthority = await platforms.Province.ClientFor(Role.DataAuthority, ProvinceAuthority);

        // Art 14: a Hefei draft marked personalized, and Hefei's authority's ask, made while the link is cut: it waits in
        // Hefei's outbox and is delivered once after the heal; the province holds the case.
        var name = $"Hefei parking permits {Guid.NewGuid():N}"[..30];
        var drafted = await hefeiOperator.PostAsJsonAsync("/api/catalog", Personalized(name));
        Assert.True(drafted.StatusCode == HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var code = (await drafted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var id = await platforms.WhileCut(async () =>
        {
            var asked = await hefeiAuthority.PostAsJsonAsync("/api/personalized-catalog-requests",
                new { entryCode = code, justification = "Parking permits are issued by Hefei alone." });
            Assert.True(asked.StatusCode == HttpStatusCode.Created, await asked.Content.ReadAsStringAsync());
            var request = await asked.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((ProvinceCode, "Pending"), (request.GetProperty("consentPlatform").GetString(), request.GetProperty("status").GetString()));
            var id = request.GetProperty("id").GetString()!;
            await Eventually.Get(() => Link(platforms.Hefei, ProvinceCode), l => l.GetProperty("outbound").GetProperty("failedAttempts").GetInt64() >= 2, Bound);
            Assert.Equal(HttpStatusCode.NotFound, (await provinceAuthority.GetAsync($"/api/personalized-catalog-requests/{id}")).StatusCode);
            return id;
        });

        var travel = Stopwatch.StartNew();
        var queue = await Eventually.Get(() => Pages.All(provinceAuthority, "/api/personalized-catalog-requests?open=true"),
            rows => rows.Any(r => r.GetProperty("id").GetString() == id), Bound);
        output.WriteLine($"Art 14 ask in the province's queue {travel.Elapsed.TotalSeconds:F2} s after the heal");
        Assert.Contains(name, queue.Single(r => r.GetProperty("id").GetString() == id).GetProperty("title").GetString());
        var held = await provinceAuthority.GetFromJsonAsync<JsonElement>($"/api/personalized-catalog-requests/{id}");
        Assert.Equal((HefeiCode, "Parking permits are issued by Hefei alone.", "Pending"),
            (held.GetProperty("requesterPlatform").GetString(), held.GetProperty("justification").GetString(), held.GetProperty("status").GetString()));

        // Nobody decides on Hefei's platform: its own authority (403), nor an authority of no department (409 naming the province).
        Assert.Equal(HttpStatusCode.Forbidden, (await hefeiAuthority.PostAsJsonAsync($"/api/personalized-catalog-requests/{id}/approve", new { })).StatusCode);
        using var hefeiPlatformAuthority = await platforms.Hefei.ClientFor(Role.DataAuthority);
        var local = await hefeiPlatformAuthority.PostAsJsonAsync($"/api/personalized-catalog-requests/{id}/approve", new { });
        Assert.Equal(HttpStatusCode.Conflict, local.StatusCode);
        Assert.Contains(ProvinceCode, await local.Content.ReadAsStringAsync());

        var approve = await provinceAuthority.PostAsJsonAsync($"/api/personalized-catalog-requests/{id}/approve", new { note = "Consistent with the provincial catalog." });
        Assert.True(approve.StatusCode == HttpStatusCode.OK, await approve.Content.ReadAsStringAsync());
        travel.Restart();
        var consented = await Eventually.Get(() => hefeiAuthority.GetFromJsonAsync<JsonElement>($"/api/personalized-catalog-requests/{id}"),
            r => r.GetProperty("status").GetString() == "Approved", Bound);
        output.WriteLine($"Art 14 consent back in Hefei after {travel.Elapsed.TotalSeconds:F2} s");
        Assert.Equal("Consistent with the provincial catalog.", consented.GetProperty("decision").GetString());
        var entry = await Eventually.Get(() => hefeiOperator.GetFromJsonAsync<JsonElement>($"/api/catalog/{code}"),
            e => e.GetProperty("isPersonalized").GetBoolean(), Bound);
        Assert.True(entry.GetProperty("isPersonalized").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await hefeiOperator.PostAsync($"/api/catalog/{code}/publish", null)).StatusCode);
        await ReceivedOnce(id, HefeiCode, "#ask ");

        // Art 42: a province request for Hefei's entry is Hefei's case; its fact, then its answer's, reach the province's assessment.
        // Counted from when Hefei's link has delivered what earlier tests' cases reported, so only this case moves the counts.
        using var rs = await platforms.Province.ClientFor(Role.DepartmentOperator, "340000-RS");
        await Eventually.Get(() => Link(platforms.Hefei, ProvinceCode), l => l.GetProperty("outbound").GetProperty("outboxDepth").GetInt32() == 0, Bound);
        var before = await AssessedShareRequests(provinceAuthority);
        var answered = (await Submit(rs, "assessed-1", ResidencePermits(["idNumber"]))).GetProperty("id").GetString()!;
        await Status(hefeiOperator, answered, "AwaitingProvider");
        await Eventually.Get(() => AssessedShareRequests(provinceAuthority), a => a.Pending == before.Pending + 1, Bound);
        Assert.Equal(HttpStatusCode.OK, (await hefeiOperator.PostAsJsonAsync($"/api/share-requests/{answered}/approve", new { })).StatusCode);
        travel.Restart();
        var after = await Eventually.Get(() => AssessedShareRequests(provinceAuthority), a => a.OnTime == before.OnTime + 1, Bound);
        output.WriteLine($"Art 42 answer in the province's assessment after {travel.Elapsed.TotalSeconds:F2} s");
        Assert.Equal((before.Pending, before.OnTime + 1), (after.Pending, after.OnTime));
        var csv = await provinceAuthority.GetStringAsync("/api/assessments/export");
        Assert.Contains(csv.Split('\n'), line => line.Contains($",{HefeiDepartment},"));
        await ReceivedOnce($"assessment:ShareRequest:{answered}", HefeiCode, "#1 ");
        await Report();
    }

    [Fact]
    public async Task Art14_Art23_a_city_authority_sees_none_of_the_province_s_cases_and_the_province_authority_sees_its_own()
    {
        using var rs = await platforms.Province.ClientFor(Role.DepartmentOperator, "340000-RS");
        using var hefeiAuthority = await platforms.Hefei.ClientFor(Role.DataAuthority, HefeiAuthority);
        using var provinceAuthority = await platforms.Province.ClientFor(Role.DataAuthority, ProvinceAuthority);

        // A request between two province departments: the province's case, nothing of it on Hefei's platform.
        var id = (await Submit(rs, "province-only-1")).GetProperty("id").GetString()!;
        Assert.Equal("AwaitingProvider", (await Status(provinceAuthority, id, "AwaitingProvider")).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await hefeiAuthority.GetAsync($"/api/share-requests/{id}")).StatusCode);

        // Hefei's authority oversees Hefei's departments only: its case lists, violations and assessment name no other.
        static bool Hefeis(string department) => department.StartsWith($"{HefeiCode}-", StringComparison.Ordinal);
        foreach (var list in new[] { "/api/personalized-catalog-requests", "/api/reviews", "/api/notices" })
        {
            Assert.All(await Pages.All(hefeiAuthority, list), r => Assert.All(r.GetProperty("departments").EnumerateArray(), d => Assert.True(Hefeis(d.GetString()!), $"{list}: {r}")));
        }

        Assert.All(await Pages.All(hefeiAuthority, "/api/violations"), v => Assert.True(Hefeis(v.GetProperty("department").GetString()!), v.ToString()));
        Assert.All(await Pages.All(hefeiAuthority, "/api/assessments"), a => Assert.True(Hefeis(a.GetProperty("department").GetString()!), a.ToString()));
        Assert.DoesNotContain(await Pages.All(hefeiAuthority, "/api/share-requests/overdue"), r => r.GetProperty("id").GetString() == id);
        await Report();
    }

    /// <summary>The year's share requests of Hefei's public security as the province's assessment counts them.</summary>
    private static async Task<(int OnTime, int Pending)> AssessedShareRequests(HttpClient provinceAuthority)
    {
        var rows = await Pages.All(provinceAuthority, "/api/assessments");
        return rows.FirstOrDefault(a => a.GetProperty("department").GetString() == HefeiDepartment) is { ValueKind: JsonValueKind.Object } row
            ? (row.GetProperty("shareRequests").GetProperty("onTime").GetInt32(), row.GetProperty("shareRequests").GetProperty("pending").GetInt32())
            : (0, 0);
    }

    /// <summary>A Hefei draft marked personalized (Art 14: local data outside the provincial catalog).</summary>
    private static object Personalized(string name) => new
    {
        classification = "public-security/residential-parking-permits", name, format = "JSON", shareType = "Unconditional", shareMethod = "Api",
        usageRequirements = "Federation drill", updateFrequency = "daily", openType = "NonOpen", securityGrade = "L2", personalized = true,
        dataItems = new[] { new { name = "plateNumber", dataType = "string" }, new { name = "community", dataType = "string" } },
    };
}
