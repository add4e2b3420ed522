using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DataSharing.Common;
using DataSharing.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

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
    public async Task A_browser_without_a_session_is_sent_to_the_login_page_and_an_API_client_gets_401()
    {
        var browser = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var redirected = await browser.SendAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("/admin/login", redirected.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/login")).StatusCode);

        var client = new HttpRequestMessage(HttpMethod.Get, "/dashboard/DashboardCounters");
        client.Headers.Accept.ParseAdd("application/json");
        var refused = await browser.SendAsync(client);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_dashboard_routes_are_not_in_the_OpenAPI_document()
    {
        var document = await api.CreateClient().GetStringAsync("/openapi/v1.json");
        var paths = System.Text.Json.JsonDocument.Parse(document).RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/share-requests", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/dashboard", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SiloProperties")]
    [InlineData("SiloMetadata")]
    [InlineData("SiloStats")]
    [InlineData("SiloCounters")]
    [InlineData("HistoricalStats")]
    public async Task A_dashboard_route_given_a_malformed_silo_address_is_a_400_and_an_unknown_silo_a_404(string route)
    {
        var admin = await api.ClientFor(Role.PlatformAdmin);
        var malformed = await admin.GetAsync($"/dashboard/{route}/not-a-silo");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/dashboard/{route}/127.0.0.1:9@1")).StatusCode);

        var hosts = await api.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var address = hosts.Keys.Single().ToParsableString();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/dashboard/{route}/{address}")).StatusCode);
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
