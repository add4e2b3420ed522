using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Api;

/// <summary>The calendar's governance over HTTP (its own platform: it replaces 2026).</summary>
public sealed class CalendarApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task Art25_an_empty_2026_is_refused_and_a_replacement_shows_its_diff_its_versions_and_the_deadlines_it_moved()
    {
        var admin = await api.ClientFor(Role.PlatformAdmin);

        var unconfirmed = await admin.PutAsJsonAsync("/api/calendar/years/2026", new { days = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
        Assert.Equal("loaded (version 1)", (await Body(unconfirmed)).GetProperty("currentState").GetString());

        var empty = await admin.PutAsJsonAsync("/api/calendar/years/2026", new { days = Array.Empty<object>(), replace = true, reason = "Cleaning up" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("days", (await Body(empty)).GetProperty("field").GetString());
        Assert.Equal("2026-10-12", (await Body(await admin.GetAsync("/api/calendar/working-days/add?from=2026-09-24&days=7"))).GetProperty("due").GetString());

        // A corrected arrangement: the make-up Saturday 10 October is dropped.
        var shipped = (await Body(await admin.GetAsync("/api/calendar/years/2026"))).GetProperty("days").EnumerateArray()
            .Select(d => new { date = d.GetProperty("date").GetString(), kind = d.GetProperty("kind").GetString(), occasion = d.GetProperty("occasion").GetString() })
            .ToList();
        var corrected = shipped.Where(d => d.date != "2026-10-10").ToList();
        var replaced = await admin.PutAsJsonAsync("/api/calendar/years/2026", new { days = corrected, replace = true, reason = "Saturday 10 October is not worked." });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var result = await Body(replaced);
        Assert.Equal(2, result.GetProperty("version").GetInt32());
        Assert.Equal(1, result.GetProperty("replaced").GetProperty("version").GetInt32());
        Assert.Equal("Saturday 10 October is not worked.", result.GetProperty("loaded").GetProperty("reason").GetString());
        Assert.Empty(result.GetProperty("diff").GetProperty("added").EnumerateArray());
        Assert.Equal("2026-10-10", Assert.Single(result.GetProperty("diff").GetProperty("removed").EnumerateArray()).GetProperty("date").GetString());
        var deadlines = result.GetProperty("deadlines");
        foreach (var count in new[] { "recomputed", "moved", "unchanged", "unreachable" })
        {
            Assert.Equal(0, deadlines.GetProperty(count).GetInt32());
        }

        Assert.Equal("2026-10-13", (await Body(await admin.GetAsync("/api/calendar/working-days/add?from=2026-09-24&days=7"))).GetProperty("due").GetString());

        var versions = (await Body(await admin.GetAsync("/api/calendar/years/2026/versions"))).EnumerateArray().ToList();
        Assert.Equal([1, 2], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal("official-data", versions[0].GetProperty("loadedBy").GetString());
        Assert.Equal("dev:PlatformAdmin:platform", versions[1].GetProperty("loadedBy").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/calendar/years/2099/versions")).StatusCode);

        var audit = await admin.GetStringAsync("/api/audit?caseId=calendar-2026");
        Assert.Contains("\"replace\"", audit);
        Assert.Contains("Saturday 10 October is not worked.", audit);
    }
}
