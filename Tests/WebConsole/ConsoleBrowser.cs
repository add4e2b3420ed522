using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace DataSharing.Tests.WebConsole;

/// <summary>
/// Headless Debian chromium driven by Playwright (which never downloads a browser here), one context per person so each
/// has their own session cookie. Screenshots go to artifacts/console/ beside the test assembly.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    public static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts", "console");

    private readonly IPlaywright _playwright;

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser, string address)
    {
        _playwright = playwright;
        Browser = browser;
        Address = address;
    }

    public IBrowser Browser { get; }

    public string Address { get; }

    public static async Task<ConsoleBrowser> Launch(string address)
    {
        Directory.CreateDirectory(Artifacts);
        Assertions.SetDefaultExpectTimeout(45_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Root in a container has no user namespace for chromium's sandbox.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        return new ConsoleBrowser(playwright, browser, address);
    }

    /// <summary>A person's own window: 1280 px wide, or a phone's 390.</summary>
    public async Task<IPage> Window(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        // Generous: on a machine shared with other builds a Blazor circuit can take seconds to answer.
        context.SetDefaultTimeout(45_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in with one of the demo identities offered on the sign-in page (the button's label names the department).</summary>
    public static async Task SignIn(IPage page, string buttonValue)
    {
        await page.GotoAsync("/");
        await Navigate(page, "sign-in", () => page.Locator($"button[name=identity][value='{buttonValue}']").ClickAsync(), url => !url.EndsWith('/'));
    }

    /// <summary>Waits until the page's circuit is up (Blazor has attached), so clicks reach the server.</summary>
    public static async Task Interactive(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('main') !== null");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>
    /// Does <paramref name="act"/> (a click, a key) and waits until the page has gone to an address <paramref name="arrived"/>
    /// accepts and its circuit is up. A page that does not get there fails with where it is instead, what has the
    /// focus and what it says, and a screenshot (failed-<paramref name="step"/>.png), so a failure says why.
    /// </summary>
    public static async Task Navigate(IPage page, string step, Func<Task> act, Func<string, bool> arrived)
    {
        try
        {
            await act();
            // Checks the address it is at first, so a navigation that committed before this call counts.
            await page.WaitForURLAsync(arrived, new() { WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException e)
        {
            await Screenshot(page, "failed-" + step);
            var focus = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML?.slice(0, 200) ?? 'nothing'");
            var text = await page.EvaluateAsync<string>("() => document.body?.innerText?.slice(0, 400) ?? ''");
            throw new TimeoutException($"{step}: the page stayed at {page.Url} (focus: {focus}; it says: {text})", e);
        }

        await Interactive(page);
    }

    /// <summary>Presses Tab until the element <paramref name="selector"/> names has the focus (keyboard only, as a reader without a mouse).</summary>
    public static async Task TabTo(IPage page, string selector, int most = 60)
    {
        for (var i = 0; i < most; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }
        }

        throw new InvalidOperationException($"{most} presses of Tab did not reach {selector} on {page.Url}.");
    }

    public static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, name + ".png"), FullPage = true });

    /// <summary>axe-core's WCAG 2 A and AA rules on the page as it is now: the rules that passed, and the violations, described.</summary>
    public static async Task<(int Passed, IReadOnlyList<string> Violations)> Accessibility(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return (result.Passes.Length, result.Violations
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString() ?? ""))}")
            .ToList());
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
