using System.Net;
using System.Text.RegularExpressions;
using Jobs.Cli.Tests.Infrastructure;
using Jobs.Testing;

namespace Jobs.Cli.Tests.Commands;

/// <summary><c>jobs dashboard</c>: the dashboard on its own server, entered once through the printed URL's token.</summary>
public sealed class DashboardCommandTests(InstallerDatabase database) : JobsTest(database), IClassFixture<InstallerDatabase>
{
    [Fact]
    public async Task The_printed_url_signs_one_browser_in_once_and_everyone_else_gets_401()
    {
        await EnqueueAsync("import");
        using var stop = new CancellationTokenSource();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, new StringReader(""), InputIsTerminal: false, OutputIsTerminal: false, Connections.Environment());
        var run = Jobs.Cli.Cli.RunInContextAsync(["dashboard", "--connection", Database.ConnectionString, "--urls", "http://127.0.0.1:0"], context, stop.Token);

        string? url = null;
        await Eventually.TrueAsync(() =>
        {
            Assert.False(run.IsCompleted, $"jobs dashboard ended: {stderr}");
            url = Regex.Match(stdout.ToString(), @"^Jobs dashboard: (http://127\.0\.0\.1:\d+/jobs/\?token=[0-9a-f]{48})$", RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : null;
            return Task.FromResult(url is not null);
        }, "jobs dashboard to print its URL");
        var root = new Uri(new Uri(url!), "/jobs/");

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using (var refused = await anonymous.GetAsync(root))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("one-time token", await refused.Content.ReadAsStringAsync());
        }
        using (var wrongToken = await anonymous.GetAsync(new Uri(root, "?token=" + new string('0', 48))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        }

        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies });
        var overview = await browser.GetStringAsync(url);
        Assert.Contains("<h1>Overview</h1>", overview);
        Assert.Contains(">import</a>", overview);

        using var secondBrowser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        using (var reused = await secondBrowser.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        }

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public async Task An_address_in_use_is_a_one_line_error()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var run = await JobsAsync("dashboard", "--urls", $"http://127.0.0.1:{port}");

        Assert.Contains($"could not listen on http://127.0.0.1:{port}", run.AssertOneLineError(1));
    }
}
