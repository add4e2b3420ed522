using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Api;

/// <summary>The REST API over HTTP: authentication, entitlement, problems, idempotency, the share-request flow.</summary>
public sealed class ApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static object Request(string? scenario = "Verify identity for unemployment benefit claims", bool allMaterials = true) => new
    {
        entryCode = "340000-GA-0001",
        dataItems = new[] { "name", "idNumber" },
        scenario,
        periodFrom = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"),
        periodTo = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(365).ToString("yyyy-MM-dd"),
        materials = allMaterials
            ? new[] { new { name = "Official letter of request", reference = "RS-1" }, new { name = "Data security commitment", reference = "RS-2" } }
            : new[] { new { name = "Official letter of request", reference = "RS-1" } },
    };

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await Body(response);
    }

    private static async Task<string> Submit(HttpClient client, object body, string? key = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/share-requests") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            message.Headers.Add("Idempotency-Key", key);
        }

        var response = await client.SendAsync(message);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Body(response)).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Health_and_the_OpenAPI_document_answer_anonymously()
    {
        var client = api.CreateClient();
        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", (await Body(health)).GetProperty("status").GetString());

        var openApi = await Body(await client.GetAsync("/openapi/v1.json"));
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/share-requests", out _));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/index.html")).StatusCode);
    }

    [Fact]
    public async Task The_working_day_endpoint_answers_the_domain_example_and_refuses_bad_input()
    {
        var client = api.CreateClient();
        var sum = await Body(await client.GetAsync("/api/calendar/working-days/add?from=2026-09-24&days=7"));
        Assert.Equal("2026-10-12", sum.GetProperty("due").GetString());
        Assert.False(sum.GetProperty("provisional").GetBoolean());
        Assert.True((await Body(await client.GetAsync("/api/calendar/working-days/add?from=2026-12-29&days=7"))).GetProperty("provisional").GetBoolean());

        Assert.Equal("from", (await Problem(await client.GetAsync("/api/calendar/working-days/add?from=2026-02-30&days=7"), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("days", (await Problem(await client.GetAsync("/api/calendar/working-days/add?from=2026-09-24&days=-3"), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("days", (await Problem(await client.GetAsync("/api/calendar/working-days/add?from=2026-09-24&days=99999"), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Without_a_token_the_API_answers_401_and_a_wrong_role_403()
    {
        var anonymous = api.CreateClient();
        await Problem(await anonymous.GetAsync("/api/share-requests/inbox"), HttpStatusCode.Unauthorized);

        var admin = await api.ClientFor(Role.PlatformAdmin);
        await Problem(await admin.PostAsJsonAsync("/api/share-requests", Request()), HttpStatusCode.Forbidden);

        var @operator = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        await Problem(await @operator.PutAsJsonAsync("/api/calendar/years/2027", new { days = Array.Empty<object>() }), HttpStatusCode.Forbidden);
        await Problem(await @operator.GetAsync("/api/share-requests/overdue"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Art25_conditional_request_awaits_the_provider_until_the_7th_working_day_and_approval_grants_it()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var ga = await api.ClientFor(Role.DepartmentOperator, "340000-GA");
        var id = await Submit(rs, Request());

        var request = await Body(await rs.GetAsync($"/api/share-requests/{id}"));
        Assert.Equal("AwaitingProvider", request.GetProperty("status").GetString());
        var received = DateOnly.Parse(request.GetProperty("answerDeadline").GetProperty("startDate").GetString()!);
        var expectedDue = await Body(await rs.GetAsync($"/api/calendar/working-days/add?from={received:yyyy-MM-dd}&days=7"));
        Assert.Equal(expectedDue.GetProperty("due").GetString(), request.GetProperty("answerDeadline").GetProperty("dueDate").GetString());

        var inbox = await Body(await ga.GetAsync("/api/share-requests/inbox"));
        Assert.Contains(inbox.Items(), r => r.GetProperty("id").GetString() == id);

        var approved = await Body(await ga.PostAsJsonAsync($"/api/share-requests/{id}/approve", new { dataItems = new[] { "idNumber" } }));
        Assert.Equal("Granted", approved.GetProperty("status").GetString());

        var scenario = "Verify identity for unemployment benefit claims";
        var allowed = await Body(await rs.PostAsJsonAsync("/api/access-checks", new { entryCode = "340000-GA-0001", dataItems = new[] { "idNumber" }, scenario }));
        Assert.True(allowed.GetProperty("decision").GetProperty("allowed").GetBoolean());
        var denied = await Body(await rs.PostAsJsonAsync("/api/access-checks", new { entryCode = "340000-GA-0001", dataItems = new[] { "name" }, scenario }));
        Assert.False(denied.GetProperty("decision").GetProperty("allowed").GetBoolean());

        var log = await Body(await rs.GetAsync("/api/access-checks"));
        Assert.Contains(log.Items(), c => c.GetProperty("id").GetString() == denied.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_foreign_department_is_refused_a_case_it_is_not_party_to()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var id = await Submit(rs, Request());

        var zr = await api.ClientFor(Role.DepartmentOperator, "340000-ZR");
        await Problem(await zr.GetAsync($"/api/share-requests/{id}"), HttpStatusCode.Forbidden);
        await Problem(await zr.PostAsJsonAsync($"/api/share-requests/{id}/approve", new { }), HttpStatusCode.Forbidden);
        Assert.DoesNotContain((await Body(await zr.GetAsync("/api/share-requests/outbox"))).Items(), r => r.GetProperty("id").GetString() == id);
        await Problem(await zr.GetAsync("/api/departments/340000-GA/violations"), HttpStatusCode.Forbidden);

        var authority = await api.ClientFor(Role.DataAuthority);
        Assert.Equal(HttpStatusCode.OK, (await authority.GetAsync($"/api/share-requests/{id}")).StatusCode);
    }

    [Fact]
    public async Task Art21_Art24_bad_input_gets_a_400_problem_naming_the_field()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");

        var noScenario = await Problem(await rs.PostAsJsonAsync("/api/share-requests", Request(scenario: null)), HttpStatusCode.BadRequest);
        Assert.Equal("scenario", noScenario.GetProperty("field").GetString());
        Assert.Equal("Art 21", noScenario.GetProperty("article").GetString());

        var missingMaterial = await Problem(await rs.PostAsJsonAsync("/api/share-requests", Request(allMaterials: false)), HttpStatusCode.BadRequest);
        Assert.Equal("materials", missingMaterial.GetProperty("field").GetString());
        Assert.Contains("Data security commitment", missingMaterial.GetProperty("detail").GetString());

        var badDate = await Problem(await rs.PostAsync("/api/share-requests",
            new StringContent("""{"entryCode":"340000-GA-0001","periodFrom":"2026-13-01"}""", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Equal("periodFrom", badDate.GetProperty("field").GetString());

        var malformed = await Problem(await rs.PostAsync("/api/share-requests",
            new StringContent("""{"entryCode": """, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.True(malformed.TryGetProperty("field", out _));

        var badEnum = await Problem(await rs.PostAsync("/api/catalog",
            new StringContent("""{"name":"x","shareType":"Sometimes"}""", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Equal("shareType", badEnum.GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_unknown_case_is_404_and_an_illegal_transition_is_409_with_the_current_state()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        await Problem(await rs.GetAsync("/api/share-requests/SR-19700101-0000000000"), HttpStatusCode.NotFound);

        var id = await Submit(rs, Request());
        Assert.Equal(HttpStatusCode.OK, (await rs.PostAsJsonAsync($"/api/share-requests/{id}/withdraw", new { reason = "duplicate" })).StatusCode);
        var conflict = await Problem(await rs.PostAsJsonAsync($"/api/share-requests/{id}/withdraw", new { }), HttpStatusCode.Conflict);
        Assert.Equal("Withdrawn", conflict.GetProperty("currentState").GetString());
    }

    [Fact]
    public async Task A_retry_with_the_same_Idempotency_Key_creates_no_second_case()
    {
        var sc = await api.ClientFor(Role.DepartmentOperator, "340000-SC");
        var key = $"retry-{Guid.NewGuid():N}";
        var first = await Submit(sc, Request(), key);
        var second = await Submit(sc, Request(), key);
        Assert.Equal(first, second);

        var outbox = await Body(await sc.GetAsync("/api/share-requests/outbox"));
        Assert.Single(outbox.Items(), r => r.GetProperty("id").GetString() == first);

        var reused = new HttpRequestMessage(HttpMethod.Post, "/api/share-requests") { Content = JsonContent.Create(Request(scenario: "Another scenario")) };
        reused.Headers.Add("Idempotency-Key", key);
        await Problem(await sc.SendAsync(reused), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_rejected_request_leaves_nothing_behind_and_its_corrected_retry_with_the_same_key_is_accepted()
    {
        var zr = await api.ClientFor(Role.DepartmentOperator, "340000-ZR");
        var key = $"fix-{Guid.NewGuid():N}";
        var rejected = new HttpRequestMessage(HttpMethod.Post, "/api/share-requests") { Content = JsonContent.Create(Request(allMaterials: false)) };
        rejected.Headers.Add("Idempotency-Key", key);
        await Problem(await zr.SendAsync(rejected), HttpStatusCode.BadRequest);
        Assert.Empty((await Body(await zr.GetAsync("/api/share-requests/outbox"))).Items());

        var id = await Submit(zr, Request(), key);
        Assert.Equal(id, await Submit(zr, Request(), key));
        Assert.Single((await Body(await zr.GetAsync("/api/share-requests/outbox"))).Items());
    }

    [Fact]
    public async Task Art22_a_department_compiles_and_publishes_an_entry_and_a_restricted_entry_needs_a_legal_basis()
    {
        var zr = await api.ClientFor(Role.DepartmentOperator, "340000-ZR");
        var entry = new
        {
            classification = "spatial/mineral-rights",
            name = "Mining rights",
            dataItems = new[] { new { name = "licenceNumber", dataType = "string" }, new { name = "holder", dataType = "string" } },
            format = "JSON",
            shareType = "Conditional",
            shareConditions = "To supervising departments",
            shareReason = "Commercial secrets of licence holders",
            legalBasis = (string?)null,
            shareMethod = "Api",
            requiredMaterials = new[] { "Official letter of request" },
            usageRequirements = "Supervision only",
            updateFrequency = "monthly",
            openType = "NonOpen",
            securityGrade = "L2",
        };

        var rejected = await Problem(await zr.PostAsJsonAsync("/api/catalog", entry), HttpStatusCode.BadRequest);
        Assert.Equal("legalBasis", rejected.GetProperty("field").GetString());
        Assert.Equal("Art 22", rejected.GetProperty("article").GetString());

        var created = await zr.PostAsJsonAsync("/api/catalog", entry with { legalBasis = "Mineral Resources Law, Art 3" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await Body(created)).GetProperty("code").GetString()!;
        Assert.StartsWith("340000-ZR-", code);

        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        await Problem(await rs.GetAsync($"/api/catalog/{code}"), HttpStatusCode.Forbidden);
        await Problem(await rs.PostAsync($"/api/catalog/{code}/publish", null), HttpStatusCode.Forbidden);

        Assert.Equal("Published", (await Body(await zr.PostAsync($"/api/catalog/{code}/publish", null))).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await rs.GetAsync($"/api/catalog/{code}")).StatusCode);
    }

    [Fact]
    public async Task A_platform_admin_loads_a_calendar_year_and_its_deadlines_stop_being_provisional()
    {
        var admin = await api.ClientFor(Role.PlatformAdmin);
        var bad = await Problem(await admin.PutAsJsonAsync("/api/calendar/years/2028", new { days = new[] { new { date = "2028-01-04", kind = "Workday" } } }), HttpStatusCode.BadRequest);
        Assert.Equal("days[0].kind", bad.GetProperty("field").GetString());

        var loaded = await admin.PutAsJsonAsync("/api/calendar/years/2028", new
        {
            days = new[] { new { date = "2028-01-03", kind = "Holiday", occasion = "New Year's Day" } },
            force = true,
            reason = "Only the New Year holiday is published so far.",
        });
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);

        var sum = await Body(await admin.GetAsync("/api/calendar/working-days/add?from=2027-12-31&days=1"));
        Assert.Equal("2028-01-04", sum.GetProperty("due").GetString());
        Assert.False(sum.GetProperty("provisional").GetBoolean());
    }
}
