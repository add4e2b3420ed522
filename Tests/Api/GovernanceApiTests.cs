using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Api;

/// <summary>Conflicts, case lists and assessments over HTTP: problems naming the field, department scoping, CSV.</summary>
public sealed class GovernanceApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Art27_a_conflict_opened_over_http_is_idempotent_listed_for_its_parties_and_hidden_from_others()
    {
        var admin = await api.ClientFor(Role.PlatformAdmin);
        var missing = await admin.PostAsJsonAsync("/api/conflicts", new { classification = "population/household-registration", dataItem = "householdAddress", description = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("parties", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        var body = new
        {
            classification = "population/household-registration", dataItem = "householdAddress",
            description = "Addresses differ between household registration and social insurance.",
            parties = new[] { new { department = "340000-GA", entryCode = (string?)"340000-GA-0001" }, new { department = "340000-RS", entryCode = (string?)null } },
        };
        var first = await Send(admin, body, "conflict-key-1");
        var retry = await Send(admin, body, "conflict-key-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal(id, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());

        var ga = await api.ClientFor(Role.DepartmentOperator, "340000-GA");
        var listed = await ga.GetFromJsonAsync<JsonElement>("/api/conflicts?open=true");
        Assert.Single(listed.Items(), c => c.GetProperty("id").GetString() == id);
        var zr = await api.ClientFor(Role.DepartmentOperator, "340000-ZR");
        Assert.DoesNotContain((await Pages.All(zr, "/api/conflicts")), c => c.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.Forbidden, (await zr.GetAsync($"/api/conflicts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await zr.GetAsync("/api/conflicts?department=340000-GA")).StatusCode);

        var authority = await api.ClientFor(Role.DataAuthority);
        var early = await authority.PostAsJsonAsync($"/api/conflicts/{id}/ruling", new { ruling = "GA is the source." });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("Negotiating", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("currentState").GetString());
    }

    [Fact]
    public async Task Art42_oversight_sees_every_department_staff_their_own_and_the_export_is_csv()
    {
        var authority = await api.ClientFor(Role.DataAuthority);
        // Pages of three, by department code, one row per department of the directory.
        var all = await Pages.All(authority, "/api/assessments?year=2026", limit: 3);
        var departments = (await Pages.All(authority, "/api/departments", limit: 3)).Select(d => d.GetProperty("code").GetString()).ToList();
        Assert.True(departments.Count > 3);
        Assert.Equal(departments, all.Select(a => a.GetProperty("department").GetString()));
        Assert.Equal(departments.Order(StringComparer.Ordinal), departments);

        var ga = await api.ClientFor(Role.DepartmentOperator, "340000-GA");
        var own = await ga.GetFromJsonAsync<JsonElement>("/api/assessments?year=2026");
        Assert.Equal("340000-GA", Assert.Single(own.Items()).GetProperty("department").GetString());
        var bad = await ga.GetAsync("/api/assessments?year=1999");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("year", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        var export = await authority.GetAsync("/api/assessments/export?year=2026");
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        var lines = (await export.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.StartsWith("year,department,name,shareRequestsOnTime,", lines[0]);
        Assert.Equal(departments.Count + 1, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("2026,340000-GA,", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await ga.GetAsync("/api/assessments/export")).StatusCode);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, object body, string key)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/conflicts") { Content = JsonContent.Create(body) };
        message.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(message);
    }
}
