using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Api;

public sealed class ReviewApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Art26_a_member_of_the_public_files_through_the_platform_the_admin_routes_and_extends_the_provider_confirms()
    {
        var citizen = await api.ClientFor(Role.Public, subject: "citizen-7");
        var filed = await citizen.PostAsJsonAsync("/api/reviews", new
        {
            entryCode = "340000-GA-0001",
            dataItems = new[] { "householdAddress" },
            description = "My registered address is out of date.",
            route = "Platform",
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var id = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var admin = await api.ClientFor(Role.PlatformAdmin);
        var routed = await (await admin.PostAsync($"/api/reviews/{id}/route", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Verifying", routed.GetProperty("status").GetString());
        var due = DateOnly.Parse(routed.GetProperty("deadline").GetProperty("dueDate").GetString()!);

        var head = await api.ClientFor(Role.DepartmentHead, "340000-GA");
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsJsonAsync($"/api/reviews/{id}/extend", new { workingDays = 3, reason = "Archive" })).StatusCode);
        var extended = await (await admin.PostAsJsonAsync($"/api/reviews/{id}/extend", new { workingDays = 3, reason = "Archive" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(DateOnly.Parse(extended.GetProperty("deadline").GetProperty("dueDate").GetString()!) > due);
        var twice = await admin.PostAsJsonAsync($"/api/reviews/{id}/extend", new { workingDays = 1, reason = "Again" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        // While open, the entry is served and marked under review.
        var entry = await citizen.GetFromJsonAsync<JsonElement>("/api/catalog/340000-GA-0001");
        Assert.True(entry.GetProperty("isUnderReview").GetBoolean());

        var ga = await api.ClientFor(Role.DepartmentOperator, "340000-GA");
        var confirmed = await ga.PostAsJsonAsync($"/api/reviews/{id}/confirm", new { explanation = "The register shows this address." });
        Assert.Equal("Confirmed", (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync($"/api/reviews/{id}")).StatusCode);
        var stranger = await api.ClientFor(Role.Public, subject: "citizen-8");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/reviews/{id}")).StatusCode);
        var zr = await api.ClientFor(Role.DepartmentOperator, "340000-ZR");
        Assert.Equal(HttpStatusCode.Forbidden, (await zr.GetAsync($"/api/reviews/{id}")).StatusCode);
    }
}
