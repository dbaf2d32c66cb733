// value seed: 1
// A derived [JsonIgnore] new member hides nothing from System.Text.Json: the base member is written
// and read in its place ({"x":…,"p":…}); the generator used to leave out both. (Found by experiment,
// then by the fuzz test once its type generator declared hiding members; shrunk by hand.)
using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Jobs;

namespace Fuzz.C0;

public class C0T0 : C0T1
{
    [JsonIgnore]
    public new int X { get; set; }
    public int P { get; set; }
}

public class C0T1
{
    public int X { get; set; }
}

[JobTask("c0")]
public sealed class C0Handler : IJobHandler<C0T0>
{
    public Task HandleAsync(C0T0 args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
