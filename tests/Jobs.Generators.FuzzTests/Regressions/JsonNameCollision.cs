// value seed: 92917
using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Jobs;

namespace Fuzz.C0;

public class C0T0
{
    [JsonPropertyName("x")]
    public int P { get; set; }
    public int X { get; set; }
}

[JobTask("c0")]
public sealed class C0Handler : IJobHandler<C0T0>
{
    public Task HandleAsync(C0T0 args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
