using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Api;

/// <summary>
/// The data itself through the platform (issue 11): the provider uploads an entry's records (Art 17), whole or not at
/// all, and a granted department reads them within its grant (Art 21), every read recorded.
/// </summary>
public sealed class DataApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    // 340000-GA-0001 (household registration): name, idNumber, householdAddress, birthDate; key item idNumber.
    internal const string Entry = "340000-GA-0001";
    private const string Scenario = "Verify identity for unemployment benefit claims";

    internal static readonly string[] People =
    [
        "张三,340104199003071235,合肥市蜀山区长江西路1号,1990-03-07",
        "李四,340202198511200011,芜湖市镜湖区中山路2号,1985-11-20",
        "王五,340302200001010029,蚌埠市龙子湖区东海大道3号,2000-01-01",
    ];

    internal static StringContent Csv(params string[] rows) =>
        new("name,idNumber,householdAddress,birthDate\n" + string.Join("\n", rows) + "\n", Encoding.UTF8, "text/csv");

    internal static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private async Task<HttpResponseMessage> Upload(HttpContent content, string query = "")
    {
        var provider = await api.ClientFor("DepartmentOperator", "340000-GA");
        return await provider.PostAsync($"/api/catalog/{Entry}/data{query}", content);
    }

    /// <summary>Human resources holds a grant of the identity number only (the provider narrowed the request).</summary>
    private async Task<HttpClient> Grantee(string scenario = Scenario)
    {
        var requester = await api.ClientFor("DepartmentOperator", "340000-RS");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var submitted = await requester.PostAsJsonAsync("/api/share-requests", new
        {
            entryCode = Entry, dataItems = new[] { "name", "idNumber" }, scenario,
            periodFrom = today.AddDays(-1).ToString("yyyy-MM-dd"), periodTo = today.AddDays(365).ToString("yyyy-MM-dd"),
            materials = new[] { new { name = "Official letter of request", reference = "RS-1" }, new { name = "Data security commitment", reference = "RS-2" } },
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await Body(submitted)).GetProperty("id").GetString();
        var provider = await api.ClientFor("DepartmentOperator", "340000-GA");
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsJsonAsync($"/api/share-requests/{id}/approve", new { dataItems = new[] { "idNumber" } })).StatusCode);
        requester.DefaultRequestHeaders.Add("X-Test-Grant", id);
        return requester;
    }

    [Fact]
    public async Task Art17_Art21_a_replaced_dataset_is_read_by_the_grantee_only_in_its_granted_items_and_each_read_is_recorded()
    {
        var upload = await Upload(Csv(People));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var applied = await Body(upload);
        Assert.Equal("Applied", applied.GetProperty("status").GetString());
        Assert.Equal(3, applied.GetProperty("rowsApplied").GetInt64());

        var grantee = await Grantee();
        var read = await grantee.GetAsync($"/api/catalog/{Entry}/data?items=idNumber&scenario={Uri.EscapeDataString(Scenario)}&limit=2");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var page = await Body(read);
        Assert.Equal(["idNumber"], page.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var records = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(["idNumber"], r.GetProperty("values").EnumerateObject().Select(p => p.Name)));
        var rest = await Body(await grantee.GetAsync(
            $"/api/catalog/{Entry}/data?items=idNumber&scenario={Uri.EscapeDataString(Scenario)}&after={Uri.EscapeDataString(page.GetProperty("next").GetString()!)}"));
        Assert.Single(rest.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);

        // Art 21: the name was not granted: refused, and the refusal recorded like the reads.
        var name = await grantee.GetAsync($"/api/catalog/{Entry}/data?items=name,idNumber&scenario={Uri.EscapeDataString(Scenario)}");
        Assert.Equal(HttpStatusCode.Forbidden, name.StatusCode);

        var checks = (await Body(await grantee.GetAsync("/api/access-checks"))).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(checks, c => c.TryGetProperty("rowsRead", out var rows) && rows.ValueKind == JsonValueKind.Number && rows.GetInt64() == 2);
        Assert.Contains(checks, c => !c.GetProperty("decision").GetProperty("allowed").GetBoolean()
                                     && c.GetProperty("request").GetProperty("entryCode").GetString() == Entry);

        // A department without a grant reads nothing.
        var other = await api.ClientFor("DepartmentOperator", "340000-ZR");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/catalog/{Entry}/data?items=idNumber&scenario=x")).StatusCode);
    }

    [Fact]
    public async Task Art17_under_Reject_one_bad_row_applies_nothing_and_the_errors_name_line_and_field()
    {
        Assert.Equal(HttpStatusCode.Created, (await Upload(Csv(People))).StatusCode);

        var rejected = await Upload(Csv("赵六,340104199003079999,合肥市,1990-03-07", "钱七,,合肥市,1990-03-07", "孙八,340104199003071235,合肥\u0007市,1990-03-07"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        var problem = await Body(rejected);
        var upload = problem.GetProperty("upload");
        Assert.Equal("Rejected", upload.GetProperty("status").GetString());
        Assert.Equal(0, upload.GetProperty("rowsApplied").GetInt64());

        var provider = await api.ClientFor("DepartmentOperator", "340000-GA");
        var errors = (await Body(await provider.GetAsync(problem.GetProperty("errors").GetString()))).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("line").GetInt64() == 2 && e.GetProperty("field").GetString() == "idNumber");
        Assert.Contains(errors, e => e.GetProperty("line").GetInt64() == 3 && e.GetProperty("field").GetString() == "householdAddress");

        // Nothing of the rejected upload is visible: the records are still the three of the first upload.
        var freshness = await Body(await provider.GetAsync($"/api/catalog/{Entry}/data/freshness"));
        Assert.Equal(3, freshness.GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task Art17_under_Quarantine_good_rows_are_applied_and_bad_ones_reported_and_an_upsert_replaces_by_key()
    {
        Assert.Equal(HttpStatusCode.Created, (await Upload(Csv(People))).StatusCode);

        var upsert = await Upload(Csv("张三丰,340104199003071235,合肥市蜀山区,1990-03-07", "周九,340104199512310011,合肥市包河区,1995-12-31", "坏行,,x,1990-01-01"),
            "?mode=upsert&badRows=quarantine");
        Assert.Equal(HttpStatusCode.Created, upsert.StatusCode);
        var applied = await Body(upsert);
        Assert.Equal(2, applied.GetProperty("rowsApplied").GetInt64());
        Assert.Equal(1, applied.GetProperty("rowsWithErrors").GetInt64());

        var provider = await api.ClientFor("DepartmentOperator", "340000-GA");
        Assert.Equal(4, (await Body(await provider.GetAsync($"/api/catalog/{Entry}/data/freshness"))).GetProperty("records").GetInt64());

        var grantee = await Grantee();
        var all = (await Body(await grantee.GetAsync($"/api/catalog/{Entry}/data?items=idNumber&scenario={Uri.EscapeDataString(Scenario)}")))
            .GetProperty("items").EnumerateArray().Select(r => r.GetProperty("key").GetString()).ToList();
        Assert.Equal(["340104199003071235", "340104199512310011", "340202198511200011", "340302200001010029"], all);
    }

    [Fact]
    public async Task Art17_a_JSON_upload_is_read_like_a_CSV_one_and_unreadable_bodies_are_refused_naming_the_field()
    {
        var json = JsonContent.Create(new[]
        {
            new Dictionary<string, object?> { ["name"] = "吴十", ["idNumber"] = "340104199003071235", ["birthDate"] = "1990-03-07" },
        });
        var upload = await Upload(json);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        var header = await Upload(new StringContent("name,idNumber,colour\nx,y,z\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, header.StatusCode);
        Assert.Equal("header", (await Body(header)).GetProperty("field").GetString());

        var broken = await Upload(new StringContent("[{\"name\":\"x\"}, {\"name\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("body", (await Body(broken)).GetProperty("field").GetString());

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Upload(new StringContent("x", Encoding.UTF8, "text/plain"))).StatusCode);
        Assert.Equal("mode", (await Body(await Upload(Csv(People), "?mode=append"))).GetProperty("field").GetString());

        // Art 17: a department aggregates its own data only.
        var other = await api.ClientFor("DepartmentOperator", "340000-RS");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/catalog/{Entry}/data", Csv(People))).StatusCode);
    }

    [Fact]
    public async Task Art21_a_grant_revoked_between_two_pages_stops_the_next_page()
    {
        Assert.Equal(HttpStatusCode.Created, (await Upload(Csv(People))).StatusCode);
        // A scenario of its own: no other grant of this class covers it.
        const string scenario = "Check the identity of applicants for a housing subsidy";
        var grantee = await Grantee(scenario);
        var grant = grantee.DefaultRequestHeaders.GetValues("X-Test-Grant").Single();
        var read = $"/api/catalog/{Entry}/data?items=idNumber&scenario={Uri.EscapeDataString(scenario)}&limit=1";
        var first = await Body(await grantee.GetAsync(read));
        Assert.Single(first.GetProperty("items").EnumerateArray());

        var provider = await api.ClientFor("DepartmentOperator", "340000-GA");
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsJsonAsync($"/api/share-requests/{grant}/revoke", new { reason = "Misuse reported" })).StatusCode);

        var next = await grantee.GetAsync($"{read}&after={Uri.EscapeDataString(first.GetProperty("next").GetString()!)}");
        Assert.Equal(HttpStatusCode.Forbidden, next.StatusCode);
    }
}
