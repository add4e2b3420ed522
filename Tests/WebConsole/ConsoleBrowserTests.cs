using DataSharing.Sharing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DataSharing.Tests.WebConsole;

/// <summary>
/// The console in headless chromium, end to end: a requester submits, the provider sees the request arrive without a
/// reload and approves it, the requester sees the grant arrive; an unanswered request turns overdue when the clock
/// passes its deadline and appears on the data authority's open overview; its timeline shows it; the provider answers
/// it late on a phone with the keyboard alone. Every page visited is checked with axe-core; screenshots are kept in
/// artifacts/console/.
/// </summary>
public sealed class ConsoleBrowserTests(ITestOutputHelper output) : BrowserFixture
{
    private const string Requester = "DepartmentOperator|340000-RS";
    private const string Provider = "DepartmentOperator|340000-GA";
    private const string Authority = "DataAuthority|";

    private readonly List<string> _accessibility = [];

    [Fact]
    public async Task Console_request_answered_live_and_an_overdue_case_reaches_the_overview_without_reload()
    {
        // Sign in: the page offers the demo identities.
        var provider = await Browser.Window();
        await provider.GotoAsync("/");
        await Check(provider, "01-sign-in");
        await ConsoleBrowser.SignIn(provider, Provider);
        Assert.EndsWith("/inbox", provider.Url);

        var requester = await Browser.Window();
        await ConsoleBrowser.SignIn(requester, Requester);

        // The requester finds the entry in the catalog and requests it, with the materials it requires (Art 24).
        await requester.GotoAsync("/catalog");
        await ConsoleBrowser.Interactive(requester);
        await requester.Locator("#q").FillAsync("户籍");
        await requester.Locator("form[role=search] button").ClickAsync();
        await requester.Locator("a[href='catalog/340000-GA-0001']").WaitForAsync();
        await Check(requester, "02-catalog-search");
        await requester.Locator("a[href='catalog/340000-GA-0001']").ClickAsync();
        await requester.Locator("a[href='catalog/340000-GA-0001/request']").ClickAsync();
        await requester.Locator("#scenario").WaitForAsync();
        await ConsoleBrowser.Interactive(requester);
        var first = await Submit(requester, "核验失业保险金申领人身份");
        await Check(requester, "03-request-submitted");

        // The provider's inbox, open since sign-in, shows the request without a reload; the provider approves it.
        var card = provider.Locator($"li[data-case='{first}']");
        await card.WaitForAsync();
        await Check(provider, "04-provider-inbox-live");
        await card.Locator("button.approve").ClickAsync();
        await card.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        // The requester's case page, open since submitting, shows the grant without a reload.
        await requester.Locator(".status[data-status=Granted]").WaitForAsync();
        await Check(requester, "05-requester-granted-live");

        // A second request the provider does not answer; the data authority watches the overview.
        await requester.GotoAsync("/catalog/340000-GA-0001/request");
        await ConsoleBrowser.Interactive(requester);
        var second = await Submit(requester, "核验就业补贴申领人身份");
        var authority = await Browser.Window();
        await ConsoleBrowser.SignIn(authority, Authority);
        Assert.EndsWith("/overview", authority.Url);
        await Check(authority, "06-overview-before");
        Assert.Equal(0, await authority.Locator($"table.overdue tr[data-case='{second}']").CountAsync());

        // The clock passes the deadline: the reminder turns the request overdue and the open overview shows it.
        var request = await Platform.Services.GetRequiredService<IGrainFactory>().GetGrain<IShareRequestGrain>(second).Get();
        Platform.AdvanceTo(request!.AnswerDeadline!.DueAt + TimeSpan.FromMinutes(1));
        var overdueRow = authority.Locator($"table.overdue tr[data-case='{second}']");
        await overdueRow.WaitForAsync(new() { Timeout = 30_000 });
        await Check(authority, "07-overview-overdue-live");

        // Its timeline, from the audit log: submitted, then overdue.
        await overdueRow.Locator("a").ClickAsync();
        await authority.Locator(".timeline li", new() { HasTextString = "逾期" }).WaitForAsync();
        await Check(authority, "08-case-timeline");

        // The provider, on a phone and with the keyboard alone, signs in and answers the late request (recorded as late).
        var phone = await Browser.Window(390, 844);
        await phone.GotoAsync("/");
        await ConsoleBrowser.TabTo(phone, $"button[value='{Provider}']");
        await ConsoleBrowser.Navigate(phone, "phone-sign-in", () => phone.Keyboard.PressAsync("Enter"), url => url.EndsWith("/inbox", StringComparison.Ordinal));
        await ConsoleBrowser.Screenshot(phone, "09-phone-inbox");
        await ConsoleBrowser.TabTo(phone, $"li[data-case='{second}'] button.approve");
        await phone.Keyboard.PressAsync("Enter");
        await phone.Locator($"li[data-case='{second}']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        var answered = await Platform.Services.GetRequiredService<IGrainFactory>().GetGrain<IShareRequestGrain>(second).Get();
        Assert.True(answered!.Answer!.Late);

        // The timeline in English.
        await authority.Locator("a[lang=en]").ClickAsync();
        await authority.Locator("h2", new() { HasTextString = "Timeline" }).WaitForAsync();
        await authority.Locator(".timeline li", new() { HasTextString = "approve" }).WaitForAsync();
        await ConsoleBrowser.Interactive(authority);
        await Check(authority, "10-case-timeline-english");

        Assert.True(_accessibility.Count == 0, string.Join('\n', _accessibility));
    }

    /// <summary>Fills the open request form (household registration) and submits it; the id of the new request.</summary>
    private static async Task<string> Submit(IPage page, string scenario)
    {
        await page.Locator("label.check", new() { HasTextString = "idNumber" }).Locator("input").CheckAsync();
        await page.Locator("#scenario").FillAsync(scenario);
        await page.Locator("#material-0").FillAsync("RS-2026-118");
        await page.Locator("#material-1").FillAsync("RS-SEC-7");
        await ConsoleBrowser.Navigate(page, "submit", () => page.Locator("form.stack button[type=submit]").ClickAsync(),
            url => url.Contains("/case/SR-", StringComparison.Ordinal));
        await page.Locator(".timeline li").First.WaitForAsync();
        return page.Url[(page.Url.LastIndexOf('/') + 1)..];
    }

    private async Task Check(IPage page, string name)
    {
        await ConsoleBrowser.Screenshot(page, name);
        var (passed, violations) = await ConsoleBrowser.Accessibility(page);
        _accessibility.AddRange(violations.Select(v => $"{name}: {v}"));
        output.WriteLine($"{name}: {page.Url} (axe-core: {passed} rules passed, {violations.Count} violated)");
    }
}
