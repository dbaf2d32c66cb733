namespace Jobs.Dashboard.Tests;

/// <summary>A task this test app handles, as a user's app would: its payload is read by the generated reader.</summary>
public sealed record InvoiceArgs(string Customer, int AmountCents, DateTimeOffset DueAt);

[JobTask("send_invoice")]
public sealed class InvoiceHandler : IJobHandler<InvoiceArgs>
{
    public Task HandleAsync(InvoiceArgs args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
