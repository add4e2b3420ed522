using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace DataSharing.Tests.OpenData;

/// <summary>The API with a keyed-hash key configured, as open data needs for keyed-hash rules.</summary>
public sealed class OpenDataApiFactory : ApiFactory
{
    public const string HashKey = "open-data-test-key-0123456789abcdef";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("OpenData:HashKey", HashKey);
    }
}

/// <summary>
/// Open data (Art 34-37) through the API: open datasets downloaded by anyone, always desensitized; NonOpen data never,
/// unless opened by the provider with recorded rules or consent (Art 36).
/// </summary>
public sealed class OpenDataApiTests(OpenDataApiFactory api) : IClassFixture<OpenDataApiFactory>
{
    private const string Provider = "340000-RS";

    private static readonly string[] People =
    [
        "张三,340104199003071235,安徽省合肥市蜀山区长江西路1号,SS-001",
        "李四,340202198511200011,安徽省芜湖市镜湖区中山路2号,SS-002",
        "王五,340302200001010029,安徽省蚌埠市龙子湖区东海大道3号,SS-001",
    ];

    private static object Body(string openType, object? desensitization = null) => new Dictionary<string, object?>
    {
        ["classification"] = "population/insured-persons",
        ["name"] = $"Insured persons {Guid.NewGuid():N}"[..40],
        ["description"] = "Insured persons, for the open data tests.",
        ["dataItems"] = new object[]
        {
            new { name = "name", dataType = "string", standardElementCode = "DE00001" },
            new { name = "idNumber", dataType = "string", standardElementCode = "DE00002" },
            new { name = "address", dataType = "string", standardElementCode = "DE00004" },
            new { name = "insuranceNumber", dataType = "string" },
        },
        ["keyItem"] = "idNumber",
        ["format"] = "CSV",
        ["shareType"] = "Unconditional",
        ["shareMethod"] = "Api",
        ["usageRequirements"] = "Statistics only.",
        ["updateFrequency"] = "monthly",
        ["openType"] = openType,
        ["securityGrade"] = "L2",
        ["desensitization"] = desensitization,
    };

    private static readonly object HashedInsurance = new[] { new { item = "insuranceNumber", method = "KeyedHash", hashLength = 16 } };

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>A published entry of human resources with the three people uploaded.</summary>
    private async Task<string> Dataset(string openType, object? desensitization = null)
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, Provider);
        var created = await rs.PostAsJsonAsync("/api/catalog", Body(openType, desensitization));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await Json(created)).GetProperty("code").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await rs.PostAsync($"/api/catalog/{code}/publish", null)).StatusCode);
        var upload = await rs.PostAsync($"/api/catalog/{code}/data",
            new StringContent("name,idNumber,address,insuranceNumber\n" + string.Join("\n", People) + "\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        return code;
    }

    [Fact]
    public async Task Art34_Art36_an_unconditionally_open_dataset_is_downloaded_anonymously_and_always_desensitized()
    {
        var code = await Dataset("UnconditionalOpen", HashedInsurance);
        var anonymous = api.CreateClient();

        var listed = await Pages.All(anonymous, "/api/open/datasets");
        Assert.Contains(code, listed.Select(e => e.GetProperty("code").GetString()));
        Assert.All(listed, e => Assert.NotEqual("NonOpen", e.GetProperty("openType").GetString()));

        var first = await anonymous.GetAsync($"/api/open/datasets/{code}/data?limit=2");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = await Json(first);
        Assert.Equal(["name", "idNumber", "address", "insuranceNumber"], page.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var next = page.GetProperty("next").GetString()!;
        var rest = await Json(await anonymous.GetAsync($"/api/open/datasets/{code}/data?after={Uri.EscapeDataString(next)}"));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);
        var rows = page.Items().Concat(rest.Items()).ToList();
        Assert.Equal(3, rows.Count);
        var zhang = rows.Single(r => r.GetProperty("idNumber").GetString()!.StartsWith("340104", StringComparison.Ordinal));
        Assert.Equal("340104********1235", zhang.GetProperty("idNumber").GetString());
        Assert.Equal("张*", zhang.GetProperty("name").GetString());
        Assert.Equal("安徽省合肥市蜀山区", zhang.GetProperty("address").GetString());

        // The keyed hash: equal values stay equal (SS-001 twice), different ones differ, none shown.
        var hashes = rows.Select(r => r.GetProperty("insuranceNumber").GetString()!).ToList();
        Assert.All(hashes, h => Assert.Matches("^[0-9a-f]{16}$", h));
        Assert.Equal(2, hashes.Distinct().Count());
        Assert.Equal(new DataSharing.OpenData.KeyedHash(OpenDataApiFactory.HashKey).Apply("SS-001", 16), zhang.GetProperty("insuranceNumber").GetString());

        // Nothing of the originals anywhere, not even in the cursor (the store's cursor is the key, an identity number).
        var text = await (await anonymous.GetAsync($"/api/open/datasets/{code}/data")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("340104199003071235", text);
        Assert.DoesNotContain("长江西路", text);
        Assert.DoesNotContain("340104199003071235", Encoding.UTF8.GetString(Convert.FromBase64String(Pad(next))));

        var csv = await anonymous.GetAsync($"/api/open/datasets/{code}/data?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name,idNumber,address,insuranceNumber", lines[0].TrimEnd('\r'));
        Assert.Equal(4, lines.Length);

        // Every download is recorded for the provider: who and how many records.
        var rs = await api.ClientFor(Role.DepartmentOperator, Provider);
        var audit = await Pages.All(rs, $"/api/audit?caseId={code}");
        var downloads = audit.Where(a => a.GetProperty("entry").GetProperty("action").GetString() == "open-download").ToList();
        Assert.True(downloads.Count >= 4);
        Assert.Contains(downloads, d => d.GetProperty("entry").GetProperty("after").GetString()!.StartsWith("2 records served", StringComparison.Ordinal)
            && d.GetProperty("entry").GetProperty("by").GetProperty("subject").GetString()!.StartsWith("anonymous@", StringComparison.Ordinal));

        // A member of the public signed in is recorded by its subject.
        var citizen = await api.ClientFor(Role.Public, subject: "citizen-42");
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync($"/api/open/datasets/{code}/data")).StatusCode);
        var recorded = await Pages.All(rs, $"/api/audit?caseId={code}");
        Assert.Contains(recorded, d => d.GetProperty("entry").GetProperty("by").GetProperty("subject").GetString() == "citizen-42");

        // A cursor not given out by this download is a 400 naming "after".
        var forged = await anonymous.GetAsync($"/api/open/datasets/{code}/data?after={Uri.EscapeDataString(DataSharing.Common.Cursor.Of("data-records", "340104199003071235"))}");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("after", (await Json(forged)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Art36_a_NonOpen_entry_is_never_downloaded_anonymously_nor_by_the_public()
    {
        var code = await Dataset("NonOpen");
        var anonymous = await api.CreateClient().GetAsync($"/api/open/datasets/{code}/data");
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.DoesNotContain("340104", await anonymous.Content.ReadAsStringAsync());
        var citizen = await api.ClientFor(Role.Public, subject: "citizen-7");
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync($"/api/open/datasets/{code}/data")).StatusCode);
        Assert.DoesNotContain(code, (await Pages.All(api.CreateClient(), "/api/open/datasets")).Select(e => e.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await api.CreateClient().GetAsync("/api/open/datasets/340000-RS-9999/data")).StatusCode);
    }

    [Fact]
    public async Task Art36_a_bad_desensitization_rule_is_refused_when_the_entry_is_compiled_naming_the_rule()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, Provider);
        var unknown = await rs.PostAsJsonAsync("/api/catalog", Body("UnconditionalOpen", new[] { new { item = "nickname", method = "Drop" } }));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("desensitization[0].item", (await Json(unknown)).GetProperty("field").GetString());
        var wrong = await rs.PostAsJsonAsync("/api/catalog", Body("UnconditionalOpen", new object[]
        {
            new { item = "name", method = "Drop" }, new { item = "idNumber", method = "Mask", hashLength = 16 },
        }));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("desensitization[1].hashLength", (await Json(wrong)).GetProperty("field").GetString());

        // A rule without a method is refused, not read as Keep (which would open the item as it is).
        var silent = await rs.PostAsJsonAsync("/api/catalog", Body("UnconditionalOpen", new[] { new { item = "idNumber" } }));
        Assert.Equal(HttpStatusCode.BadRequest, silent.StatusCode);
        Assert.Equal("desensitization[0].method", (await Json(silent)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Art36_a_NonOpen_entry_is_opened_only_with_recorded_rules_or_consent()
    {
        var code = await Dataset("NonOpen");
        var rs = await api.ClientFor(Role.DepartmentOperator, Provider);

        // Neither rules nor consent: 409 with the current state; an edit cannot open it either.
        var bare = await rs.PostAsJsonAsync($"/api/catalog/{code}/open", new { openType = "UnconditionalOpen" });
        Assert.Equal(HttpStatusCode.Conflict, bare.StatusCode);
        Assert.Contains("NonOpen", (await Json(bare)).GetProperty("currentState").GetString());
        var edit = await rs.PutAsJsonAsync($"/api/catalog/{code}", Body("UnconditionalOpen"));
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.CreateClient().GetAsync($"/api/open/datasets/{code}/data")).StatusCode);

        // Another department cannot open it.
        var ga = await api.ClientFor(Role.DepartmentOperator, "340000-GA");
        Assert.Equal(HttpStatusCode.Forbidden, (await ga.PostAsJsonAsync($"/api/catalog/{code}/open",
            new { openType = "UnconditionalOpen", desensitization = new[] { new { item = "name", method = "Drop" } } })).StatusCode);

        var opened = await rs.PostAsJsonAsync($"/api/catalog/{code}/open", new
        {
            openType = "UnconditionalOpen",
            desensitization = new object[] { new { item = "name", method = "Drop" }, new { item = "insuranceNumber", method = "Drop" } },
        });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var entry = await Json(opened);
        Assert.Equal("UnconditionalOpen", entry.GetProperty("content").GetProperty("openType").GetString());
        Assert.Equal("NonOpen", entry.GetProperty("opening").GetProperty("from").GetString());

        var data = await Json(await api.CreateClient().GetAsync($"/api/open/datasets/{code}/data"));
        Assert.Equal(["idNumber", "address"], data.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));

        // Recorded: the version's note and the audit entry say why.
        var versions = await Pages.All(rs, $"/api/catalog/{code}/versions");
        Assert.Contains("desensitized by 2 recorded rules", versions[^1].GetProperty("note").GetString());
        Assert.Contains(await Pages.All(rs, $"/api/audit?caseId={code}"), a => a.GetProperty("entry").GetProperty("action").GetString() == "open");

        // Opened once: a second act is 409.
        Assert.Equal(HttpStatusCode.Conflict, (await rs.PostAsJsonAsync($"/api/catalog/{code}/open", new
        {
            openType = "ConditionalOpen", consent = new { reference = "RS-2026-1", description = "Consent of the insured persons." },
        })).StatusCode);
    }

    [Fact]
    public async Task Art36_a_NonOpen_entry_is_opened_with_the_rights_holders_consent_and_still_served_desensitized()
    {
        var code = await Dataset("NonOpen");
        var rs = await api.ClientFor(Role.DepartmentOperator, Provider);
        var opened = await rs.PostAsJsonAsync($"/api/catalog/{code}/open", new
        {
            openType = "UnconditionalOpen", consent = new { reference = "RS-2026-7", description = "Written consent of every insured person listed." },
        });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("RS-2026-7", (await Json(opened)).GetProperty("opening").GetProperty("consent").GetProperty("reference").GetString());
        var data = await Json(await api.CreateClient().GetAsync($"/api/open/datasets/{code}/data"));
        Assert.All(data.Items(), r => Assert.Contains("********", r.GetProperty("idNumber").GetString()));
    }

    [Fact]
    public async Task Art36_a_conditional_application_approved_for_fewer_items_gives_the_applicant_only_those_and_others_403()
    {
        var code = await Dataset("ConditionalOpen");
        var citizen = await api.ClientFor(Role.Public, subject: "citizen-apply");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var applied = await citizen.PostAsJsonAsync("/api/open/applications", new
        {
            entryCode = code, purpose = "Research on insurance coverage by district.", dataItems = new[] { "name", "idNumber", "address" },
            periodFrom = today.AddDays(-1).ToString("yyyy-MM-dd"), periodTo = today.AddDays(30).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var application = await Json(applied);
        var id = application.GetProperty("id").GetString()!;
        Assert.Equal("AwaitingProvider", application.GetProperty("status").GetString());
        Assert.Equal(7, application.GetProperty("answerWorkingDays").GetInt32());

        // Before the answer: refused, like anyone without an approved application.
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync($"/api/open/datasets/{code}/data?application={id}")).StatusCode);

        // The provider sees it in its list; the applicant in its own; another member of the public not.
        var rs = await api.ClientFor(Role.DepartmentOperator, Provider);
        Assert.Contains(id, (await Pages.All(rs, "/api/open/applications?status=AwaitingProvider")).Select(a => a.GetProperty("id").GetString()));
        Assert.Contains(id, (await Pages.All(citizen, "/api/open/applications")).Select(a => a.GetProperty("id").GetString()));
        var other = await api.ClientFor(Role.Public, subject: "citizen-other");
        Assert.DoesNotContain(id, (await Pages.All(other, "/api/open/applications")).Select(a => a.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/open/applications/{id}")).StatusCode);

        // Narrowing to an item not applied for is a 400 naming it; another department may not answer.
        var wrong = await rs.PostAsJsonAsync($"/api/open/applications/{id}/approve", new { conditions = "Research only.", dataItems = new[] { "insuranceNumber" } });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("dataItems[0]", (await Json(wrong)).GetProperty("field").GetString());
        var ga = await api.ClientFor(Role.DepartmentOperator, "340000-GA");
        Assert.Equal(HttpStatusCode.Forbidden, (await ga.PostAsJsonAsync($"/api/open/applications/{id}/approve", new { conditions = "x" })).StatusCode);

        var approved = await rs.PostAsJsonAsync($"/api/open/applications/{id}/approve", new
        {
            conditions = "Publish aggregates only; cite the provider.", dataItems = new[] { "idNumber", "address" },
        });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("Approved", (await Json(approved)).GetProperty("status").GetString());

        var download = await citizen.GetAsync($"/api/open/datasets/{code}/data?application={id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var data = await Json(download);
        Assert.Equal(["idNumber", "address"], data.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.All(data.Items(), r => Assert.Contains("********", r.GetProperty("idNumber").GetString()));
        Assert.Contains(data.Items(), r => r.GetProperty("address").GetString() == "安徽省合肥市蜀山区");

        // Anyone else with the same application: 403; nobody without one.
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/open/datasets/{code}/data?application={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.CreateClient().GetAsync($"/api/open/datasets/{code}/data?application={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync($"/api/open/datasets/{code}/data")).StatusCode);

        // Answered once: refusing now is 409.
        Assert.Equal(HttpStatusCode.Conflict, (await rs.PostAsJsonAsync($"/api/open/applications/{id}/refuse", new { reason = "r", legalBasis = "b" })).StatusCode);
    }

    [Fact]
    public async Task Art34_the_demo_business_register_is_open_with_its_legal_representatives_masked()
    {
        var sc = await api.ClientFor(Role.DepartmentOperator, "340000-SC");
        var upload = await sc.PostAsync("/api/catalog/340000-SC-0001/data", new StringContent(
            "unifiedSocialCreditCode,entityName,legalRepresentative,registeredCapital,entityStatus\n"
            + "91340100MA2N0X1A2D,合肥示例科技有限公司,王小明,1000000,存续\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var data = await Json(await api.CreateClient().GetAsync("/api/open/datasets/340000-SC-0001/data"));
        var row = Assert.Single(data.Items());
        Assert.Equal("王**", row.GetProperty("legalRepresentative").GetString());
        Assert.Equal("合肥示例科技有限公司", row.GetProperty("entityName").GetString());
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }
}
