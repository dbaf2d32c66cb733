// value seed: 228801
using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Jobs;

namespace Fuzz.C0;

public class C0T0
{
    [JsonInclude]
    public int P { get; private set; }
}

[JobTask("c0")]
public sealed class C0Handler : IJobHandler<C0T0>
{
    public Task HandleAsync(C0T0 args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
