using Jobs.EndToEnd.Tests.Handlers;
using Jobs.EndToEnd.Tests.Infrastructure;
using Jobs.EndToEnd.Tests.Payloads;
using Npgsql;

namespace Jobs.EndToEnd.Tests.Worker;

/// <summary>
/// A lone UTF-16 surrogate in a typed payload is refused by the generated enqueue methods, naming
/// its JSON path, before anything is sent: Utf8JsonWriter would write it as \uFFFD, which reads
/// back as a genuine U+FFFD, so the change could never be noticed. Valid text is kept as it is.
/// </summary>
public sealed class LoneSurrogateTests(SchemaDatabase database) : IClassFixture<SchemaDatabase>, IAsyncLifetime
{
    private static readonly Guid DatabaseId = Guid.Parse("0d6f3a52-9a51-4b8e-8d7e-5c1f2e4a9b63");

    // Refused attempts ask for a far run time, so any row they left would be seen here and never run.
    private static readonly EnqueueOptions Later = new() { RunAt = DateTimeOffset.UtcNow.AddYears(1) };

    private WorkerHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await WorkerHost.StartAsync(database.ConnectionString, DatabaseId);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string> Positions => new()
    {
        { "member", "The payload's property '$.name' (\"ab\\uD800\") contains a lone surrogate (U+D800) at index 2" },
        { "list element", "The payload's property '$.tags[2]' (\"\\uDC00z\") contains a lone surrogate (U+DC00) at index 0" },
        { "dictionary key", "A key of the payload's property '$.labels' (\"k\\uD83D\") contains a lone surrogate (U+D83D) at index 1" },
        { "dictionary value", "The payload's property '$.labels.second' (\"x\\uDE00y\") contains a lone surrogate (U+DE00) at index 1" },
        { "char member", "The payload's property '$.initial' (\"\\uD800\") contains a lone surrogate (U+D800) at index 0" },
        { "nested object member", "The payload's property '$.lines[1].text' (\"\\uDBFF\") contains a lone surrogate (U+DBFF) at index 0" },
        { "nullable nested member", "The payload's property '$.lines[0].note' (\"\\uD800\U00010000\") contains a lone surrogate (U+D800) at index 0" },
        { "set written by the JsonSerializerContext", "The payload's property '$.keywords', written by the JsonSerializerContext, holds a string with a lone surrogate" },
    };

    [Theory]
    [MemberData(nameof(Positions))]
    public async Task A_lone_surrogate_is_refused_with_its_path_and_nothing_is_enqueued(string position, string expected)
    {
        var args = WithLoneSurrogate(position);

        var single = await Assert.ThrowsAsync<ArgumentException>(() => _host.Client.EnqueueLetteringAsync(args, Later));
        var many = await Assert.ThrowsAsync<ArgumentException>(() => _host.Client.EnqueueManyLetteringAsync([Valid(), args], Later));

        Assert.StartsWith(expected, single.Message, StringComparison.Ordinal);
        Assert.Contains("System.Text.Json would write U+FFFD in its place, so the payload is refused rather than changed.", single.Message, StringComparison.Ordinal);
        Assert.Equal("args", single.ParamName);
        Assert.StartsWith(expected, many.Message, StringComparison.Ordinal);
        // The valid first item of the batch was not stored either.
        Assert.Equal(0, await StoredCountAsync());
    }

    [Fact]
    public async Task Surrogate_pairs_and_a_genuine_replacement_character_arrive_unchanged()
    {
        var sent = Valid();

        var job = await _host.Client.EnqueueLetteringAsync(sent);
        var received = await _host.Received.ForJobAsync<Lettering>(job.Id);

        Assert.Equal(sent.Name, received.Name);
        Assert.Equal(sent.Tags, received.Tags);
        Assert.Equal(sent.Labels.OrderBy(p => p.Key, StringComparer.Ordinal), received.Labels.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(sent.Initial, received.Initial);
        Assert.Equal(sent.Lines, received.Lines);
        Assert.Equal(sent.Keywords.Order(StringComparer.Ordinal), received.Keywords.Order(StringComparer.Ordinal));
        // Stored as System.Text.Json writes it: the pairs as pairs, U+FFFD as itself.
        Assert.Contains(@"""name"":""\uD83D\uDE00 \uFFFD \uD834\uDD1E""", job.Payload, StringComparison.Ordinal);
    }

    private static Lettering Valid() => new(
        Name: "\ud83d\ude00 \ufffd \U0001D11E",
        Tags: ["a\ud83d\ude00", "\ufffd", "z"],
        Labels: new() { ["k\ud83d\ude00"] = "\ufffd", ["second"] = "y" },
        Initial: '\ufffd',
        Lines: [new("\ud83d\ude00", "\ufffd"), new("line", null)],
        Keywords: ["\ufffd", "\ud83d\ude00", @"not an escape: \uFFFD"]);

    private static Lettering WithLoneSurrogate(string position)
    {
        var valid = Valid();
        return position switch
        {
            "member" => valid with { Name = "ab\ud800" },
            "list element" => valid with { Tags = ["a", "b", "\udc00z"] },
            "dictionary key" => valid with { Labels = new() { ["first"] = "x", ["k\ud83d"] = "y" } },
            "dictionary value" => valid with { Labels = new() { ["first"] = "x", ["second"] = "x\ude00y" } },
            "char member" => valid with { Initial = '\ud800' },
            "nested object member" => valid with { Lines = [new("fine", null), new("\udbff", "n")] },
            "nullable nested member" => valid with { Lines = [new("fine", "\ud800\ud800\udc00")] },
            "set written by the JsonSerializerContext" => valid with { Keywords = ["fine", "ab\ud800"] },
            _ => throw new ArgumentOutOfRangeException(nameof(position)),
        };
    }

    private async Task<long> StoredCountAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from app_jobs.jobs where task_identifier = 'e2e_lettering' and run_at > now() + interval '1 day'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
