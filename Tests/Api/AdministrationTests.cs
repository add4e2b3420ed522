using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DataSharing.Common;
using DataSharing.Tests.Support;

namespace DataSharing.Tests.Api;

public sealed class AdministrationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_dashboard_is_for_platform_admins_only_through_a_session_cookie()
    {
        var anonymous = api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard/")).StatusCode);

        var @operator = await api.ClientFor(Role.DepartmentOperator, "340000-GA");
        Assert.Equal(HttpStatusCode.Forbidden, (await @operator.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await @operator.PostAsync("/api/session", null)).StatusCode);

        var admin = await api.ClientFor(Role.PlatformAdmin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/dashboard/")).StatusCode);

        var session = await admin.PostAsync("/api/session", null);
        Assert.Equal(HttpStatusCode.NoContent, session.StatusCode);
        var cookie = Assert.Single(session.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        // The cookie opens the dashboard, and nothing else.
        var browser = api.CreateClient();
        var pair = cookie.Split(';')[0];
        var page = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        page.Headers.Add("Cookie", pair);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(page)).StatusCode);
        var api2 = new HttpRequestMessage(HttpMethod.Get, "/api/share-requests/overdue");
        api2.Headers.Add("Cookie", pair);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(api2)).StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_problem()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var body = new StringContent($$"""{"scenario":"{{new string('x', 300_000)}}"}""", Encoding.UTF8, "application/json");
        var response = await rs.PostAsync("/api/share-requests", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Metrics_are_served_to_oversight_only()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync("/metrics")).StatusCode);
        var admin = await api.ClientFor(Role.PlatformAdmin);
        var metrics = await admin.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }
}
