using System.Net;
using Jobs.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Dashboard.Tests;

/// <summary>
/// Jobs.Testing's harness beside an ASP.NET Core app under test, as with WebApplicationFactory: the
/// app gets the harness's connection string, a request makes it enqueue, the harness asserts and runs the job.
/// </summary>
public sealed class HarnessWithWebAppTests
{
    [Fact]
    public async Task A_request_to_the_app_enqueues_a_job_the_harness_sees_and_runs()
    {
        await using var harness = await JobsTestHarness.CreateAsync(services => services.AddJobsDashboardTestsJobHandlers());
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddJobs(harness.ConnectionString, o => o.DatabaseId = JobsTestHarness.DatabaseId);
        await using var app = builder.Build();
        app.MapPost("/invoices/{customer}", async (string customer, IJobEnqueuer jobs) =>
        {
            var job = await jobs.EnqueueInvoiceAsync(new InvoiceArgs(customer, 1999, DateTimeOffset.UnixEpoch.AddDays(20000)));
            return Results.Accepted($"/jobs/{job.Id}");
        });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        using var response = await client.PostAsync("/invoices/acme", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var invoice = await harness.AssertEnqueuedAsync<InvoiceArgs>(i => i.Customer == "acme" && i.AmountCents == 1999);
        Assert.Equal($"/jobs/{invoice.Row.Id}", response.Headers.Location?.ToString());
        Assert.Equal(JobWorkOutcome.Completed, (await harness.WorkAsync(invoice.Row)).Outcome);
        await app.StopAsync();
    }
}
