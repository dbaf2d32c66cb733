using Npgsql;

namespace Jobs.Cli.Bench;

/// <summary>The server settings that decide what a commit costs, printed beside every figure.</summary>
internal sealed record ServerSettings(IReadOnlyList<KeyValuePair<string, string>> Values)
{
    private static readonly string[] Names = ["server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "shared_buffers", "max_connections"];

    /// <summary>True unless a setting makes commits cheaper than durable storage allows.</summary>
    public bool Durable => Values.All(v => v.Key is not ("fsync" or "synchronous_commit") || v.Value is not "off");

    public static async Task<ServerSettings> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT name, current_setting(name) FROM unnest($1::text[]) WITH ORDINALITY AS s(name, n) ORDER BY n");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Names });
        var values = new List<KeyValuePair<string, string>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(new(reader.GetString(0), reader.GetString(1)));
        }
        return new ServerSettings(values);
    }

    public override string ToString() => string.Join(", ", Values.Select(v => $"{v.Key}={v.Value}"));
}
