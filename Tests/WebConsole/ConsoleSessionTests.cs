using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataSharing.Common;
using DataSharing.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DataSharing.Tests.WebConsole;

/// <summary>The console's sign-in and page authorization over plain HTTP: the session cookie, where it is honoured, who sees what.</summary>
public sealed partial class ConsoleSessionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private HttpClient Browser() => api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_console_page_without_a_session_sends_the_browser_to_sign_in_and_an_API_client_gets_401()
    {
        var browser = Browser();
        var page = new HttpRequestMessage(HttpMethod.Get, "/inbox");
        page.Headers.Accept.ParseAdd("text/html");
        var redirected = await browser.SendAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("/?returnUrl=%2Finbox", redirected.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/inbox")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_as_a_demo_identity_opens_console_pages_and_never_the_API()
    {
        var browser = Browser();
        var signedIn = await SignIn(browser, "DepartmentOperator|340000-GA", "/outbox");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/outbox", signedIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("platform_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var inbox = await browser.GetAsync("/inbox");
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        Assert.Contains("待我答复", WebUtility.HtmlDecode(await inbox.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/share-requests/inbox")).StatusCode);
        // Staff do not see the oversight pages.
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/overview")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_returns_only_to_this_site_and_refuses_a_form_without_its_antiforgery_token()
    {
        var browser = Browser();
        var signedIn = await SignIn(browser, "DataAuthority|", "//evil.example/");
        Assert.Equal("/overview", signedIn.Headers.Location?.OriginalString);

        var forged = await browser.PostAsync("/console/session", new FormUrlEncodedContent(new Dictionary<string, string> { ["identity"] = "PlatformAdmin|" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task A_case_page_shows_a_share_request_to_its_two_departments_and_oversight_only()
    {
        var rs = await api.ClientFor(Role.DepartmentOperator, "340000-RS");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var created = await rs.PostAsJsonAsync("/api/share-requests", new
        {
            entryCode = "340000-GA-0001", dataItems = new[] { "idNumber" }, scenario = "Console visibility check",
            periodFrom = today.ToString("yyyy-MM-dd"), periodTo = today.AddDays(30).ToString("yyyy-MM-dd"),
            materials = new[] { new { name = "Official letter of request", reference = "1" }, new { name = "Data security commitment", reference = "2" } },
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        foreach (var (role, department, sees) in new[]
        {
            (Role.DepartmentOperator, "340000-GA", true), (Role.DepartmentOperator, "340000-RS", true),
            (Role.DataAuthority, null, true), (Role.DepartmentOperator, "340000-ZR", false),
        })
        {
            var page = await (await api.ClientFor(role, department)).GetStringAsync($"/case/{id}");
            Assert.Equal(sees, page.Contains("Console visibility check", StringComparison.Ordinal));
        }
    }

    /// <summary>Opens the sign-in page (for its antiforgery token and cookie) and signs in with a demo identity.</summary>
    private static async Task<HttpResponseMessage> SignIn(HttpClient browser, string identity, string returnUrl)
    {
        var form = await browser.GetStringAsync("/");
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        return await browser.PostAsync("/console/session", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["identity"] = identity,
            ["returnUrl"] = returnUrl,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
