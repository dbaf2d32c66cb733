// value seed: 1
// A derived member under another JSON name hides nothing: System.Text.Json writes both it and the
// base member of its C# name ({"y":…,"x":…}); the generator used to leave out the base one. Now
// left to a JsonSerializerContext (JOBS007: generated code reaches one member per C# name). (Found by the fuzz test; shrunk by hand.)
using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Jobs;

namespace Fuzz.C0;

public class C0T0 : C0T1
{
    [JsonPropertyName("y")]
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
