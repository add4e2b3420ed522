using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Api;

/// <summary>
/// The 500s of issue 10, each replayed: every one is now a 400 problem naming the field, and nothing was written.
/// The barrage (<see cref="BarrageTests"/>) covers the classes of input in general; these pin the reported cases.
/// </summary>
public sealed class HostileInputTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string Tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd");
    private static readonly string NextYear = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(300).ToString("yyyy-MM-dd");

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> BadRequest(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Field(JsonElement problem) => problem.GetProperty("field").GetString()!;

    [Theory]
    [InlineData("""{"dataItems":["name"],"scenario":"x","periodFrom":"2026-12-01","periodTo":"2027-01-01"}""")]
    [InlineData("""{"entryCode":null,"dataItems":["name"],"scenario":"x","periodFrom":"2026-12-01","periodTo":"2027-01-01"}""")]
    [InlineData("""{"entryCode":"","dataItems":["name"],"scenario":"x","periodFrom":"2026-12-01","periodTo":"2027-01-01"}""")]
    [InlineData("""{"entryCode":" ","dataItems":["name"],"scenario":"x","periodFrom":"2026-12-01","periodTo":"2027-01-01"}""")]
    [InlineData("""{"entryCode":"\u2028\u2029","dataItems":["name"],"scenario":"x","periodFrom":"2026-12-01","periodTo":"2027-01-01"}""")]
    public async Task Art24_a_share_request_without_a_usable_entry_code_is_a_400_on_entryCode(string body)
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        Assert.Equal("entryCode", Field(await BadRequest(await rs.PostAsync("/api/share-requests", Json(body)))));
    }

    [Theory]
    [InlineData("\ufeff{}")]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"a":1e99999}""")]
    public async Task Bodies_that_read_as_empty_are_400_problems(string body)
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        await BadRequest(await rs.PostAsync("/api/share-requests", Json(body)));
    }

    [Fact]
    public async Task A_member_given_twice_is_malformed_json_naming_it()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var problem = await BadRequest(await rs.PostAsync("/api/share-requests", Json("""{"entryCode":"340000-GA-0001","entryCode":"340000-GA-0002"}""")));
        Assert.Equal("entryCode", Field(problem));
        Assert.Contains("twice", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    public async Task Art26_a_review_without_an_entry_code_is_a_400_on_entryCode(string entryCode)
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var body = $$"""{"entryCode":{{entryCode}},"description":"x","route":"Provider"}""";
        Assert.Equal("entryCode", Field(await BadRequest(await rs.PostAsync("/api/reviews", Json(body)))));
    }

    [Theory]
    [InlineData("null", "2027-01-01", "department")]
    [InlineData("\"\"", "2027-01-01", "department")]
    [InlineData("\"340000-GA\"", "9999-12-31", "rectifyBy")]
    public async Task Art43_a_notice_without_a_department_or_with_a_deadline_past_2100_is_a_400(string department, string rectifyBy, string field)
    {
        var authority = await api.ClientFor(Role.DataAuthority);
        var body = $$"""{"department":{{department}},"category":"CatalogNotCompiled","findings":"x","rectifyBy":"{{rectifyBy}}"}""";
        Assert.Equal(field, Field(await BadRequest(await authority.PostAsync("/api/notices", Json(body)))));
    }

    [Fact]
    public async Task Art21_Art38_a_period_ending_9999_12_31_is_refused_at_submission_so_no_approval_can_half_happen()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var admin = await api.ClientFor(Role.PlatformAdmin);
        var before = (await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify")).GetProperty("recordsChecked").GetInt64();

        var problem = await BadRequest(await rs.PostAsJsonAsync("/api/share-requests", new
        {
            entryCode = "340000-GA-0001", dataItems = new[] { "name" }, scenario = "x", periodFrom = "9999-12-31", periodTo = "9999-12-31",
            materials = new[] { new { name = "Official letter of request", reference = "1" }, new { name = "Data security commitment", reference = "2" } },
        }));
        Assert.Equal("periodFrom", Field(problem));
        Assert.Contains("9999-12-31 is outside", problem.GetProperty("detail").GetString());
        Assert.Equal("Art 21", problem.GetProperty("article").GetString());

        var after = (await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify")).GetProperty("recordsChecked").GetInt64();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Art21_a_period_from_0001_01_01_is_out_of_range_not_missing()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var problem = await BadRequest(await rs.PostAsync("/api/share-requests",
            Json($$"""{"entryCode":"340000-GA-0001","dataItems":["name"],"scenario":"x","periodFrom":"0001-01-01","periodTo":"{{NextYear}}"}""")));
        Assert.Equal("periodFrom", Field(problem));
        Assert.DoesNotContain("required", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Art21_an_access_check_of_20000_items_is_refused_and_not_recorded()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var admin = await api.ClientFor(Role.PlatformAdmin);
        var before = (await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify")).GetProperty("recordsChecked").GetInt64();
        var items = Enumerable.Range(0, 20_000).Select(i => $"item{i}").ToArray();
        var problem = await BadRequest(await rs.PostAsJsonAsync("/api/access-checks", new { entryCode = "340000-GA-0001", dataItems = items, scenario = "x" }));
        Assert.Equal("dataItems", Field(problem));

        var twice = await BadRequest(await rs.PostAsJsonAsync("/api/access-checks", new { entryCode = "340000-GA-0001", dataItems = new[] { "name", "name" }, scenario = "x" }));
        Assert.Equal("dataItems[1]", Field(twice));
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify")).GetProperty("recordsChecked").GetInt64());
    }

    [Theory]
    [InlineData("\u0000\u0000")]
    [InlineData("Household\u202Eregister")]
    [InlineData("Household\u001b[31mregister")]
    [InlineData("Household\r\nregister")]
    public async Task Art13_a_catalog_entry_name_with_control_characters_is_refused_and_uses_up_no_code(string name)
    {
        var zr = await api.ClientFor(Role.DepartmentOperator, "340000-ZR");
        var entry = new
        {
            classification = "spatial/land", name, dataItems = new[] { new { name = "parcel", dataType = "string" } }, format = "JSON",
            shareType = "Unconditional", shareMethod = "Api", usageRequirements = "Any", updateFrequency = "daily", openType = "NonOpen", securityGrade = "L1",
        };
        var first = await zr.PostAsJsonAsync("/api/catalog", entry with { name = "Land parcels" });
        Assert.Equal("name", Field(await BadRequest(await zr.PostAsJsonAsync("/api/catalog", entry))));
        var second = await zr.PostAsJsonAsync("/api/catalog", entry with { name = "Land parcels, again" });

        // The refused draft drew no code: the two accepted ones are numbered one after the other.
        Assert.Equal(Sequence(await first.Content.ReadFromJsonAsync<JsonElement>()) + 1, Sequence(await second.Content.ReadFromJsonAsync<JsonElement>()));
    }

    private static int Sequence(JsonElement entry)
    {
        var code = entry.GetProperty("code").GetString()!;
        return int.Parse(code[(code.LastIndexOf('-') + 1)..]);
    }

    [Theory]
    [InlineData("/api/share-requests/%20")]
    [InlineData("/api/reviews/%09")]
    [InlineData("/api/catalog/%E2%80%AE")]
    [InlineData("/api/conflicts/a%20b")]
    public async Task A_blank_or_malformed_id_in_a_path_is_a_400_naming_the_parameter(string path)
    {
        var admin = await api.ClientFor(Role.PlatformAdmin);
        var problem = await BadRequest(await admin.GetAsync(path));
        Assert.Contains(Field(problem), new[] { "id", "code" });
    }

    [Fact]
    public async Task Art27_a_null_party_is_a_400_naming_its_position()
    {
        var admin = await api.ClientFor(Role.PlatformAdmin);
        var problem = await BadRequest(await admin.PostAsync("/api/conflicts",
            Json("""{"classification":"c","dataItem":"d","description":"x","parties":[{"department":"340000-GA"},null]}""")));
        Assert.Equal("parties[1]", Field(problem));
    }

    [Fact]
    public async Task Art24_a_null_material_is_a_400_naming_its_position()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var problem = await BadRequest(await rs.PostAsync("/api/share-requests",
            Json($$"""{"entryCode":"340000-GA-0001","dataItems":["name"],"scenario":"x","periodFrom":"{{Tomorrow}}","periodTo":"{{NextYear}}","materials":[null]}""")));
        Assert.Equal("materials[0]", Field(problem));
    }
}
