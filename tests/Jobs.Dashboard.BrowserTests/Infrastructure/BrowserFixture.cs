using Microsoft.Playwright;

namespace Jobs.Dashboard.BrowserTests.Infrastructure;

/// <summary>
/// A class fixture handing out the test process's one headless Chromium; each test opens its own
/// context (cookies, storage, headers) in it, so classes share the browser and nothing else.
/// One browser, not one per class: each launch cost a Playwright driver and a Chromium start, a
/// tenth of the suite's CPU, and contexts already isolate what a test sees.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly Lazy<Task<SharedBrowser>> Shared = new(SharedBrowser.LaunchAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Browser = (await Shared.Value).Browser;

    // The browser outlives the class: it closes when the test process exits.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class SharedBrowser(IPlaywright playwright, IBrowser browser)
    {
        public IBrowser Browser { get; } = browser;

        public static async Task<SharedBrowser> LaunchAsync()
        {
            var executablePath = Chromium.ExecutablePath();
            var playwright = await Playwright.CreateAsync();
            IBrowser browser;
            try
            {
                browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = executablePath,
                    Headless = true,
                    // The machines run as root, where Chromium's sandbox cannot start.
                    ChromiumSandbox = false,
                });
            }
            catch (PlaywrightException ex)
            {
                playwright.Dispose();
                throw new InvalidOperationException($"Chromium at {executablePath} did not start: {ex.Message}", ex);
            }
            var shared = new SharedBrowser(playwright, browser);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => shared.Close();
            return shared;
        }

        private void Close()
        {
            Browser.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
            playwright.Dispose();
        }
    }
}
