using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Jobs;
using Jobs.Generated;

namespace JobsBench;

/// <summary>Serializing and deserializing one email payload: the generated code against System.Text.Json.</summary>
[MemoryDiagnoser]
[CategoriesColumn]
public class PayloadBenchmarks
{
    private static readonly JsonSerializerOptions Reflection = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The payload every benchmark here uses.</summary>
    internal static readonly EmailPayload Email = new(
        To: "ada.lovelace@example.com",
        Subject: "Your weekly report is ready",
        Body: "Hello Ada,\nthe report for the week of 3 June is attached. Totals: 1,204 jobs, 0 failures.\n— the jobs team",
        TemplateId: Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        SendAt: new DateTimeOffset(2024, 6, 3, 8, 30, 0, TimeSpan.FromHours(2)),
        Cc: ["grace.hopper@example.com", "alan.turing@example.com", "edsger.dijkstra@example.com"],
        From: new Sender("Reports", "reports@example.com"),
        Priority: 3);

    private readonly EmailPayload _payload = Email;

    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        _json = JsonSerializer.SerializeToUtf8Bytes(_payload, Reflection);
        var generated = JobsBenchmarksJobPayloads.SerializeEmailPayload(_payload).ToArray();
        if (!generated.AsSpan().SequenceEqual(_json) || !JsonSerializer.SerializeToUtf8Bytes(_payload, BenchmarkJsonContext.Default.EmailPayload).AsSpan().SequenceEqual(_json))
        {
            throw new InvalidOperationException("The three serializers disagree; the comparison would be meaningless.");
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Serialize")]
    public ReadOnlyMemory<byte> Serialize_Generated() => JobsBenchmarksJobPayloads.SerializeEmailPayload(_payload);

    [Benchmark]
    [BenchmarkCategory("Serialize")]
    public byte[] Serialize_StjSourceGen() => JsonSerializer.SerializeToUtf8Bytes(_payload, BenchmarkJsonContext.Default.EmailPayload);

    [Benchmark]
    [BenchmarkCategory("Serialize")]
    public byte[] Serialize_StjReflection() => JsonSerializer.SerializeToUtf8Bytes(_payload, Reflection);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Deserialize")]
    public EmailPayload Deserialize_Generated() => JobsBenchmarksJobPayloads.DeserializeEmailPayload(_json);

    [Benchmark]
    [BenchmarkCategory("Deserialize")]
    public EmailPayload? Deserialize_StjSourceGen() => JsonSerializer.Deserialize(_json, BenchmarkJsonContext.Default.EmailPayload);

    [Benchmark]
    [BenchmarkCategory("Deserialize")]
    public EmailPayload? Deserialize_StjReflection() => JsonSerializer.Deserialize<EmailPayload>(_json, Reflection);
}
