using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Api;
using DataSharing.Tests.Cluster;
using DataSharing.Tests.Support;
using static DataSharing.Tests.Federation.FederatedPlatforms;

namespace DataSharing.Tests.Federation;

/// <summary>
/// Reading another platform's data (Art 21, 23): the grant is checked where the data is served. A Hefei department
/// reads a province entry through its own platform; the province decides on the grant it owns and records the read.
/// </summary>
public sealed partial class FederationFaultTests
{
    [Fact]
    public async Task Art21_Art23_a_Hefei_department_checks_and_reads_a_province_entry_through_its_platform_within_the_grant_the_province_holds()
    {
        using var hefei = await platforms.Hefei.ClientFor(Role.DepartmentOperator, HefeiDepartment);
        using var province = await platforms.Province.ClientFor(Role.DepartmentOperator, ProvinceDepartment);
        var upload = await province.PostAsync($"/api/catalog/{DataApiTests.Entry}/data", DataApiTests.Csv(DataApiTests.People));
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());

        var scenario = $"Federation read drill {Guid.NewGuid():N}";
        var read = $"/api/catalog/{DataApiTests.Entry}/data?scenario={Uri.EscapeDataString(scenario)}&items=";

        // Without a grant the province refuses, and Hefei's platform passes its refusal on as its own 403.
        var ungranted = await hefei.GetAsync(read + "idNumber");
        Assert.Equal(HttpStatusCode.Forbidden, ungranted.StatusCode);
        Assert.Contains($"Platform {ProvinceCode}", (await ungranted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var id = (await Submit(hefei, "read-1", ClusterScenario.Request(scenario))).GetProperty("id").GetString()!;
        await Status(province, id, "AwaitingProvider");
        Assert.Equal(HttpStatusCode.OK, (await province.PostAsJsonAsync($"/api/share-requests/{id}/approve", new { dataItems = new[] { "idNumber" } })).StatusCode);
        await Status(hefei, id, "Granted");

        // An access check (Art 21) is decided there too: allowed for the granted item, denied for another, both recorded there.
        var allowed = await hefei.PostAsJsonAsync("/api/access-checks", new { entryCode = DataApiTests.Entry, dataItems = new[] { "idNumber" }, scenario });
        Assert.True(allowed.StatusCode == HttpStatusCode.OK, await allowed.Content.ReadAsStringAsync());
        var allowedCheck = await allowed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(allowedCheck.GetProperty("decision").GetProperty("allowed").GetBoolean());
        var denied = await (await hefei.PostAsJsonAsync("/api/access-checks", new { entryCode = DataApiTests.Entry, dataItems = new[] { "name" }, scenario }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(denied.GetProperty("decision").GetProperty("allowed").GetBoolean());

        // The granted item is served page by page, from the province's data, as the province recorded it.
        var first = await hefei.GetAsync(read + "idNumber&limit=2");
        Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        Assert.Equal(ProvinceCode, first.Headers.GetValues("X-Served-By").Single());
        var page = await first.Content.ReadFromJsonAsync<JsonElement>();
        var next = page.GetProperty("next").GetString()!;
        var rest = await hefei.GetFromJsonAsync<JsonElement>(read + $"idNumber&after={Uri.EscapeDataString(next)}");
        var served = page.GetProperty("items").EnumerateArray().Concat(rest.GetProperty("items").EnumerateArray())
            .Select(r => r.GetProperty("values").GetProperty("idNumber").GetString()).ToList();
        Assert.Equal(DataApiTests.People.Select(p => p.Split(',')[1]).Order(), served.Order());

        using var authority = await platforms.Province.ClientFor(Role.DataAuthority);
        var checks = await Pages.All(authority, $"/api/access-checks?department={HefeiDepartment}");
        Assert.Contains(checks, c => c.GetProperty("id").GetString() == allowedCheck.GetProperty("id").GetString());
        var recorded = checks.Single(c => c.GetProperty("id").GetString() == first.Headers.GetValues("X-Access-Check").Single());
        Assert.Equal(2, recorded.GetProperty("rowsRead").GetInt64());
        Assert.EndsWith($"@platform:{HefeiCode}", recorded.GetProperty("checkedBy").GetProperty("subject").GetString());

        // What a read through the link costs (both clusters on one machine): a page of 3 records, 20 times.
        var took = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.OK, (await hefei.GetAsync(read + "idNumber")).StatusCode);
            took.Add(watch.Elapsed.TotalMilliseconds);
        }

        took.Sort();
        output.WriteLine($"a read of the province's data through Hefei's platform: p50 {took[10]:F1} ms, max {took[^1]:F1} ms (20 reads)");

        // An item outside the grant is refused there too; an unreachable province is a 503 to retry, not a refusal.
        Assert.Equal(HttpStatusCode.Forbidden, (await hefei.GetAsync(read + "name")).StatusCode);
        await platforms.WhileCut(async () =>
        {
            var cut = await hefei.GetAsync(read + "idNumber");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, cut.StatusCode);
            Assert.Equal(ProvinceCode, (await cut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("platform").GetString());
        });
        Assert.Equal(HttpStatusCode.OK, (await hefei.GetAsync(read + "idNumber")).StatusCode);
        await Report();
    }
}
