namespace DataSharing.Tests.WebConsole;

/// <summary>A test's own platform on a real port and a headless chromium pointed at it, both gone after the test.</summary>
public abstract class BrowserFixture : IAsyncLifetime
{
    protected ConsolePlatform Platform { get; } = new();

    protected ConsoleBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Platform.Start();
        Browser = await ConsoleBrowser.Launch(Platform.Address);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Platform.DisposeAsync();
    }
}
