using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Api;

/// <summary>Art 41 and 35 through the API: who may act, what the access gate and the catalog show, the notice lists.</summary>
public sealed class IncidentApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Scenario = "Verify identity for unemployment benefit claims";

    private static async Task<bool> Allowed(HttpClient client, string entry, string item)
    {
        var check = await client.PostAsJsonAsync("/api/access-checks", new { entryCode = entry, dataItems = new[] { item }, scenario = Scenario });
        check.EnsureSuccessStatusCode();
        return (await check.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision").GetProperty("allowed").GetBoolean();
    }

    private static object Incident(string entry, bool suspend) => new
    {
        entryCode = entry,
        description = "Gateway credentials leaked.",
        occurredAt = DateTimeOffset.UtcNow.AddHours(-1),
        affectedRecords = "All lookups since 09:00.",
        leakFrom = DateTimeOffset.UtcNow.AddHours(-2),
        leakTo = DateTimeOffset.UtcNow.AddMinutes(1),
        suspendGrants = suspend,
    };

    [Fact]
    public async Task Art41_a_suspension_denies_access_checks_until_the_incident_is_closed_and_the_department_acknowledges_its_notice()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var ga = await api.ClientFor(Role.DepartmentOperator, "340000-GA");
        var authority = await api.ClientFor(Role.DataAuthority, "340000-SJ");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");
        var granted = await rs.PostAsJsonAsync("/api/share-requests", new
        {
            entryCode = "340000-GA-0002", dataItems = new[] { "cardStatus" }, scenario = Scenario, periodFrom = today, periodTo = today,
        });
        granted.EnsureSuccessStatusCode();
        Assert.True(await Allowed(rs, "340000-GA-0002", "cardStatus"));

        // A department records incidents on its own entries only.
        Assert.Equal(HttpStatusCode.Forbidden, (await rs.PostAsJsonAsync("/api/incidents", Incident("340000-GA-0002", true))).StatusCode);
        var missing = await ga.PostAsJsonAsync("/api/incidents", new { entryCode = "340000-GA-0002", description = "x", affectedRecords = "y" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("occurredAt", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        ga.DefaultRequestHeaders.Add("Idempotency-Key", "incident-api-1");
        var recorded = await ga.PostAsJsonAsync("/api/incidents", Incident("340000-GA-0002", true));
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var incident = await recorded.Content.ReadFromJsonAsync<JsonElement>();
        var id = incident.GetProperty("id").GetString()!;
        Assert.True(incident.GetProperty("suspended").GetBoolean());
        ga.DefaultRequestHeaders.Remove("Idempotency-Key");

        Assert.False(await Allowed(rs, "340000-GA-0002", "cardStatus"));
        Assert.True((await rs.GetFromJsonAsync<JsonElement>("/api/catalog/340000-GA-0002")).GetProperty("isSuspended").GetBoolean());

        // The department informed finds its notice, and acknowledges it; others see neither.
        var notices = await rs.GetFromJsonAsync<JsonElement>("/api/incidents/notices?limit=50");
        var notice = notices.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("id").GetString()!.StartsWith(id, StringComparison.Ordinal));
        var noticeId = notice.GetProperty("id").GetString();
        var zr = await api.ClientFor(Role.DepartmentOperator, "340000-ZR");
        Assert.Equal(HttpStatusCode.Forbidden, (await zr.GetAsync($"/api/incidents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await zr.PostAsync($"/api/incidents/notices/{noticeId}/acknowledge", null)).StatusCode);
        var acknowledged = await rs.PostAsync($"/api/incidents/notices/{noticeId}/acknowledge", null);
        Assert.Equal("Acknowledged", (await acknowledged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        // The data authority sees the incident in its list and closes it: the grant is honoured again.
        var incidents = await authority.GetFromJsonAsync<JsonElement>("/api/incidents?open=true");
        Assert.Contains(incidents.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetString() == id);
        var closed = await authority.PostAsJsonAsync($"/api/incidents/{id}/close", new { remedy = "Credentials rotated." });
        Assert.Equal("Closed", (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.True(await Allowed(rs, "340000-GA-0002", "cardStatus"));

        var timeline = await authority.GetFromJsonAsync<JsonElement>($"/api/audit?caseId={id}");
        Assert.Equal(["record", "close"], timeline.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("entry").GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Art35_an_emergency_opening_is_served_on_the_entry_and_the_public_cannot_open_one()
    {
        var body = new
        {
            entryCodes = new[] { "340000-ZR-0001" },
            reason = "Earthquake: locating buildings in the affected area.",
            expiresAt = DateTimeOffset.UtcNow.AddDays(3),
            updateFrequency = "hourly",
        };
        var citizen = await api.ClientFor(Role.Public, subject: "citizen-9");
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.PostAsJsonAsync("/api/emergency-openings", body)).StatusCode);
        var operatorZr = await api.ClientFor(Role.DepartmentOperator, "340000-ZR");
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorZr.PostAsJsonAsync("/api/emergency-openings", body)).StatusCode);
        var authority = await api.ClientFor(Role.DataAuthority, "340000-SJ");
        var pastExpiry = await authority.PostAsJsonAsync("/api/emergency-openings", body with { expiresAt = DateTimeOffset.UtcNow.AddDays(-1) });
        Assert.Equal("expiresAt", (await pastExpiry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());

        var opened = await authority.PostAsJsonAsync("/api/emergency-openings", body);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var entry = await citizen.GetFromJsonAsync<JsonElement>("/api/catalog/340000-ZR-0001");
        Assert.True(entry.GetProperty("emergencyOpen").GetBoolean());
        var mark = entry.GetProperty("emergencyOpenings").EnumerateArray().Single();
        Assert.Equal(body.reason, mark.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync($"/api/emergency-openings/{id}")).StatusCode);

        var head = await api.ClientFor(Role.DepartmentHead, "340000-ZR");
        var ended = await head.PostAsJsonAsync($"/api/emergency-openings/{id}/end", new { reason = "Rescue finished." });
        Assert.Equal("Ended", (await ended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.False((await citizen.GetFromJsonAsync<JsonElement>("/api/catalog/340000-ZR-0001")).GetProperty("emergencyOpen").GetBoolean());
    }
}
