using System.Collections.Concurrent;
using System.Text;
using Jobs.Testing.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace Jobs.Dashboard.BrowserTests.Infrastructure;

/// <summary>
/// A test in the class's Chromium, over a fresh database and a real Kestrel app with the
/// dashboard at /jobs. Every page a test opens is watched: a Content Security Policy violation
/// in the console, a dialog (alert, confirm, prompt) or an uncaught script error fails the test.
/// </summary>
public abstract class BrowserTest(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    /// <summary>The database id the tests' client enqueues under.</summary>
    protected static readonly Guid DatabaseId = Guid.Parse("6f1f7a0e-3c1d-4b55-9d2e-8a1b2c3d4e5f");

    private readonly List<IBrowserContext> _contexts = [];
    private readonly ConcurrentQueue<string> _cspViolations = new();
    private readonly ConcurrentQueue<string> _dialogs = new();
    private readonly ConcurrentQueue<string> _pageErrors = new();
    private DashboardApp? _app;

    protected ITestOutputHelper Output { get; } = output;

    protected TestDatabase Database { get; private set; } = null!;

    protected JobsClient Client { get; private set; } = null!;

    /// <summary>The app; <see cref="StartAppAsync"/> starts it.</summary>
    protected DashboardApp App => _app ?? throw new InvalidOperationException("StartAppAsync first.");

    /// <summary>What the console said about the Content Security Policy, on any page of this test.</summary>
    protected IReadOnlyCollection<string> CspViolations => _cspViolations;

    public async ValueTask InitializeAsync()
    {
        // A slow CI machine: auto-waiting assertions get more than Playwright's 5 s default.
        Assertions.SetDefaultExpectTimeout(15_000);
        Database = await (await JobsTemplates.Installer()).CloneAsync();
        Client = new JobsClient(Database.DataSource, new JobsClientOptions { DatabaseId = DatabaseId });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        await Database.DisposeAsync();
        AssertNothingUnwanted();
    }

    /// <summary>Starts the app; <paramref name="configure"/> sets the dashboard's options (live refresh is off unless it turns it on).</summary>
    protected async Task<DashboardApp> StartAppAsync(Action<JobsDashboardOptions>? configure = null, Action<WebApplication>? map = null)
    {
        _app = await DashboardApp.StartAsync(Database, map, options =>
        {
            // A refresh that replaces the page under a test's feet is opted into, not met by chance.
            options.RefreshInterval = TimeSpan.Zero;
            configure?.Invoke(options);
        });
        return _app;
    }

    /// <summary>A page in a new context of the class's browser (1280×800, light scheme, UTC), watched for CSP violations, dialogs and script errors.</summary>
    protected async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 800 };
        options.ColorScheme ??= ColorScheme.Light;
        options.TimezoneId ??= "UTC";
        options.Locale ??= "en-US";
        var context = await browser.Browser.NewContextAsync(options);
        _contexts.Add(context);
        context.SetDefaultTimeout(15_000);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _cspViolations.Enqueue($"{message.Page?.Url}: {message.Text}");
            }
        };
        context.Dialog += async (_, dialog) =>
        {
            _dialogs.Enqueue($"{dialog.Page?.Url}: {dialog.Type} \"{dialog.Message}\"");
            await dialog.DismissAsync();
        };
        context.WebError += (_, error) => _pageErrors.Enqueue($"{error.Page?.Url}: {error.Error}");
        return await context.NewPageAsync();
    }

    /// <summary>Forgets the CSP violations seen so far: for a test that provoked them on purpose and checked them.</summary>
    protected void ForgetCspViolations() => _cspViolations.Clear();

    /// <summary>Fails now if any page of this test so far violated the CSP, opened a dialog or threw.</summary>
    protected void AssertNothingUnwanted()
    {
        var problems = new StringBuilder();
        Append("Content Security Policy violations", _cspViolations);
        Append("dialogs (script ran)", _dialogs);
        Append("uncaught script errors", _pageErrors);
        Assert.True(problems.Length == 0, problems.ToString());

        void Append(string what, IEnumerable<string> items)
        {
            var list = items.ToList();
            if (list.Count > 0)
            {
                problems.AppendLine($"{what}:").AppendJoin('\n', list.Select(item => "  " + item)).AppendLine();
            }
        }
    }

    protected async Task<JobRow> EnqueueAsync(string task, EnqueueOptions? options = null, string payload = "{}") =>
        await Client.EnqueueAsync(task, Encoding.UTF8.GetBytes(payload), options);

    protected async Task ExecuteAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Goes to <paramref name="path"/> of the app and expects <paramref name="status"/>.</summary>
    protected async Task<IResponse> GoToAsync(IPage page, string path, int status = 200)
    {
        var response = await page.GotoAsync(App.Url(path)) ?? throw new InvalidOperationException($"No response for {path}.");
        Assert.True(response.Status == status, $"GET {path}: {response.Status}, expected {status}");
        return response;
    }
}
