using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataSharing.Common;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Api;

/// <summary>Every list the API serves is a page: a bounded limit and an opaque cursor that only its own list takes.</summary>
public sealed class PagingApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Lists =>
    [
        "/api/reviews", "/api/catalog-changes", "/api/notices", "/api/conflicts", "/api/personalized-catalog-requests",
        "/api/assessments?year=2026", "/api/violations", "/api/departments/340000-GA/violations", "/api/departments", "/api/catalog",
        "/api/catalog/340000-GA-0001/versions",
    ];

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_limit_out_of_range_is_a_400_naming_limit_and_a_cursor_of_another_list_a_400_naming_after(string list)
    {
        var authority = await api.ClientFor(Role.DataAuthority);
        var separator = list.Contains('?') ? '&' : '?';
        foreach (var limit in new[] { 0, -1, PageRequest.MaxLimit + 1 })
        {
            Assert.Equal("limit", await ProblemField(await authority.GetAsync($"{list}{separator}limit={limit}")));
        }

        // The departments' cursor is also the assessment's (both go through the directory in code order).
        var other = list is "/api/departments" || list.StartsWith("/api/assessments", StringComparison.Ordinal) ? "/api/catalog" : "/api/departments";
        var foreign = (await authority.GetFromJsonAsync<JsonElement>($"{other}?limit=1")).GetProperty("next").GetString();
        Assert.NotNull(foreign);
        Assert.Equal("after", await ProblemField(await authority.GetAsync($"{list}{separator}after={Uri.EscapeDataString(foreign)}")));

        var page = await authority.GetFromJsonAsync<JsonElement>($"{list}{separator}limit=1");
        Assert.True(page.Items().Count() <= 1);
        Assert.True(page.TryGetProperty("next", out _));
    }

    [Fact]
    public async Task The_catalog_pages_by_code_and_a_department_s_drafts_are_its_own()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var all = await Pages.All(rs, "/api/catalog", limit: 2);
        var codes = all.Select(e => e.GetProperty("code").GetString()!).ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal(codes.Distinct(), codes);
        Assert.All(all, e => Assert.True(e.GetProperty("status").GetString() == "Published" || e.GetProperty("providerDepartment").GetString() == "340000-RS"));
        Assert.Equal(all.Count, (await Pages.All(rs, "/api/catalog", limit: 1000)).Count);
    }

    [Fact]
    public async Task The_audit_log_pages_newest_first_on_request_and_its_cursor_is_its_own()
    {
        var authority = await api.ClientFor(Role.DataAuthority);
        var oldest = await Pages.All(authority, "/api/audit", limit: 7);
        var newest = await Pages.All(authority, "/api/audit?order=newest", limit: 7);
        Assert.True(oldest.Count > 7);
        Assert.Equal(
            oldest.Select(r => r.GetProperty("sequence").GetInt64()).Reverse().Take(oldest.Count),
            newest.Select(r => r.GetProperty("sequence").GetInt64()).Take(oldest.Count));

        Assert.Equal("order", await ProblemField(await authority.GetAsync("/api/audit?order=sideways")));
        var oldestCursor = (await authority.GetFromJsonAsync<JsonElement>("/api/audit?limit=1")).GetProperty("next").GetString()!;
        Assert.Equal("after", await ProblemField(await authority.GetAsync($"/api/audit?order=newest&after={Uri.EscapeDataString(oldestCursor)}")));
    }

    private static async Task<string?> ProblemField(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString();
    }
}
