using Microsoft.Playwright;

namespace Jobs.Dashboard.BrowserTests.Infrastructure;

/// <summary>One headless Chromium for a test class; each test opens its own context (cookies, storage, headers) in it.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string ExecutablePath { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ExecutablePath = Chromium.ExecutablePath();
        _playwright = await Playwright.CreateAsync();
        try
        {
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // The machines run as root, where Chromium's sandbox cannot start.
                ChromiumSandbox = false,
            });
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException($"Chromium at {ExecutablePath} did not start: {ex.Message}", ex);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
