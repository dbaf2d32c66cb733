using System.Reflection;
using System.Runtime.Loader;
using Jobs.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Jobs.Generators.Tests;

/// <summary>
/// An assembly that chose camelCase: compiled here with the generator, loaded, and run against
/// System.Text.Json with JsonNamingPolicy.CamelCase on random values (CsCheck, inside the compiled code).
/// </summary>
public sealed class CamelCaseEquivalenceTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using CsCheck;
        using Jobs;

        [assembly: JobsSerialization(NamingPolicy = JobsNamingPolicy.CamelCase)]

        namespace Acme.Camel;

        public sealed record Line(string ProductSKU, int Quantity, decimal UnitPrice);

        public sealed record PlaceOrder(Guid OrderID, string CustomerName, List<Line> Lines, Dictionary<string, string> Tags, DateTimeOffset? ShippedAt, bool IsGift, double WeightKG);

        [JobTask("place_order")]
        public sealed class PlaceOrderHandler : IJobHandler<PlaceOrder>
        {
            public Task HandleAsync(PlaceOrder args, JobContext context, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        public static class Probe
        {
            private static readonly JsonSerializerOptions Camel = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

            public static void Run()
            {
                // Values built from a sampled seed: the CsCheck extension properties (.Array, .List)
                // need C# 14, and this compilation uses the oldest compiler the generator supports.
                var order = Gen.Int.Select(seed => Order(new Random(seed)));
                order.Sample(value =>
                {
                    var expected = JsonSerializer.SerializeToUtf8Bytes(value, Camel);
                    var actual = Jobs.Generated.AcmeCamelJobPayloads.SerializePlaceOrder(value).ToArray();
                    if (!expected.AsSpan().SequenceEqual(actual))
                    {
                        throw new InvalidOperationException("Written differently:\n" + Encoding.UTF8.GetString(expected) + "\n" + Encoding.UTF8.GetString(actual));
                    }
                    var back = Jobs.Generated.AcmeCamelJobPayloads.DeserializePlaceOrder(expected);
                    if (!expected.AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(back, Camel)))
                    {
                        throw new InvalidOperationException("Read back differently: " + Encoding.UTF8.GetString(expected));
                    }
                }, iter: 2000);
            }

            private static PlaceOrder Order(Random random)
            {
                const string alphabet = "abcdefghijklmnopqrstuvwxyzA<\"é\n";
                string Text() => new string(Enumerable.Range(0, random.Next(0, 10)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
                var lines = Enumerable.Range(0, random.Next(0, 4)).Select(_ => new Line(Text(), random.Next(int.MinValue, int.MaxValue), new decimal(random.NextDouble() * 1e6))).ToList();
                var tags = Enumerable.Range(0, random.Next(0, 3)).ToDictionary(i => Text() + i, _ => Text());
                DateTimeOffset? shipped = random.Next(2) == 0 ? null : new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay), TimeSpan.FromMinutes(random.Next(-840, 841)));
                var id = new byte[16];
                random.NextBytes(id);
                return new PlaceOrder(new Guid(id), Text(), lines, tags, shipped, random.Next(2) == 0, BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) ? d : random.NextDouble());
            }
        }
        """;

    [Fact]
    public void A_camel_case_assembly_writes_and_reads_as_System_Text_Json_with_camel_case()
    {
        var cscheck = MetadataReference.CreateFromFile(typeof(CsCheck.Gen).Assembly.Location);
        var (files, output) = GeneratorHarness.Run(GeneratorHarness.Compilation("Acme.Camel", [cscheck], Source));
        GeneratorHarness.AssertCompilesCleanly(output);
        Assert.Contains("\"productSKU\"", files["Jobs.Payloads.g.cs"], StringComparison.Ordinal);

        var probe = Load(output).GetType("Acme.Camel.Probe")!.GetMethod("Run")!;

        try
        {
            probe.Invoke(null, null);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            Assert.Fail(ex.InnerException.ToString());
        }
    }

    private static Assembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(image);
    }
}
